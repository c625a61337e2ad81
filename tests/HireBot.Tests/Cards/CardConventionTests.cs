using System.Text.Json.Nodes;
using HireBot.Cards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HireBot.Tests.Cards;

/// <summary>Every template in /cards renders on Slack: as a message when it has no inputs, as a modal when it has.</summary>
public class CardConventionTests
{
    public static TheoryData<string> Samples => new(CardSamples.All().Select(s => s.Sample));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_template_translates_to_Block_Kit(string sample)
    {
        var translator = new BlockKitTranslator();
        var card = CardSamples.Bound(sample);
        var hasInputs = card.ToJsonString().Contains("\"Input.", StringComparison.Ordinal);

        if (hasInputs)
        {
            Assert.Throws<BlockKitTranslationException>(() => translator.ToMessage(card));
        }
        else
        {
            var message = translator.ToMessage(card);
            Assert.InRange(message["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        }
        var view = translator.ToModal(card, sample.Split('.')[0]);
        Assert.InRange(view["blocks"]!.AsArray().Count, 1, BlockKitLimits.ModalBlocks);
    }

    [Fact]
    public void Every_file_in_the_cards_folder_is_a_known_template()
    {
        var files = Directory.EnumerateFiles(CardSamples.CardsDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(CardNames.All.Order(), files);
    }

    [Fact]
    public void The_host_registration_loads_the_templates_copied_to_the_output_folder()
    {
        using var provider = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>)).AddCards().BuildServiceProvider();
        var catalog = provider.GetRequiredService<CardCatalog>();
        Assert.Equal(CardNames.All.Order(), catalog.Names.Order());
        var card = catalog.Bind(CardNames.Message, JsonNode.Parse("""{"text":"Hello"}""")).Card;
        Assert.Equal("Hello", (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public void A_template_with_an_unsupported_expression_stops_the_catalog_from_loading()
    {
        var dir = Directory.CreateTempSubdirectory("hirebot-cards-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(CardSamples.CardsDirectory, "*.json"))
                File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(dir.FullName, "help.json"), """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${formatDateTime(now)}"}]}""");
            var error = Assert.Throws<CardTemplateException>(() => CardCatalog.Load(dir.FullName, new CardTemplateBinder(), NullLogger<CardCatalog>.Instance));
            Assert.Contains("formatDateTime", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
