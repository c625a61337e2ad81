namespace HireBot.Cards;

/// <summary>
/// Block Kit limits the translator enforces. Text is shortened with an ellipsis; identifiers and
/// action data are never shortened (a cut id would point at the wrong thing), they fail instead.
/// </summary>
public static class BlockKitLimits
{
    /// <summary>https://docs.slack.dev/reference/block-kit/blocks : "up to 50 blocks in each message, and 100 blocks in modals".</summary>
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/section-block : text 3000, at most 10 fields of 2000 each.</summary>
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/header-block : plain text, 150.</summary>
    public const int HeaderText = 150;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/context-block : 10 elements (we send one text element, kept within section size).</summary>
    public const int ContextText = 3000;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/actions-block : 25 elements.</summary>
    public const int ActionsElements = 25;

    /// <summary>https://docs.slack.dev/reference/block-kit/block-elements/button-element : text 75, value 2000, url 3000; action_id 255.</summary>
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Url = 3000;
    public const int ActionId = 255;

    /// <summary>https://docs.slack.dev/reference/views/modal-views : title, submit and close 24; private_metadata 3000; callback_id 255.</summary>
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3000;

    /// <summary>https://docs.slack.dev/reference/block-kit/composition-objects/option-object : text 75, value 150;
    /// https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element : 100 options, placeholder 150.</summary>
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int Options = 100;
    public const int Placeholder = 150;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/input-block : label 2000;
    /// https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element : max_length up to 3000.</summary>
    public const int InputLabel = 2000;
    public const int PlainTextInput = 3000;

    /// <summary>https://docs.slack.dev/reference/block-kit/blocks/image-block : image_url 3000, alt_text 2000.</summary>
    public const int ImageUrl = 3000;
    public const int AltText = 2000;

    /// <summary>Top-level notification text of a message; kept within the section size so it is never cut by Slack.</summary>
    public const int MessageText = 3000;

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="max"/> UTF-16 units, ending with an ellipsis,
    /// without splitting a surrogate pair or one of Slack's escapes (<c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>),
    /// which would leave a bare <c>&amp;</c> in mrkdwn.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            cut--;
        var amp = text.LastIndexOf('&', Math.Max(cut - 1, 0), Math.Min(cut, 4));
        if (amp >= 0 && text.IndexOf(';', amp) is var end && end >= cut && end - amp <= 4)
            cut = amp;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
