using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HireBot.Cards;

/// <summary>Registers the card layer: binder, catalog (loaded once, at first resolution), Block Kit translator and message renderer.</summary>
public static class CardsExtensions
{
    /// <param name="directory">Template folder; defaults to <see cref="CardCatalog.DefaultDirectory"/>.</param>
    public static IServiceCollection AddCards(this IServiceCollection services, string? directory = null)
    {
        services.AddSingleton<CardTemplateBinder>();
        services.AddSingleton(sp => CardCatalog.Load(
            directory ?? CardCatalog.DefaultDirectory,
            sp.GetRequiredService<CardTemplateBinder>(),
            sp.GetRequiredService<ILogger<CardCatalog>>()));
        services.AddSingleton<BlockKitTranslator>();
        services.AddSingleton<MessageRenderer>();
        return services;
    }
}
