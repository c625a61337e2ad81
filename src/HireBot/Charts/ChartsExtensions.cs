using Microsoft.Extensions.Options;

namespace HireBot.Charts;

public static class ChartsExtensions
{
    /// <summary>Chart rendering, storage and signed URLs (issue 18). The endpoint is mapped by <see cref="ChartEndpoints.MapCharts"/>.</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChartOptions>().Bind(configuration.GetSection(ChartOptions.Section))
            .Configure(o => o.PublicUrl = Configuration.PublicAddress.From(configuration))
            .Validate(o => o.UrlDays > 0, "Charts:UrlDays must be positive.")
            .Validate(o => o.PublicUrl.Length == 0 || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "PublicUrl must be an absolute URL.")
            .Validate(o => o.SigningKey.Length == 0 || IsKey(o.SigningKey), "Charts:SigningKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ChartOptions>>().Value;
            var fonts = new ChartFonts(o.FontFile, o.BoldFontFile);
            if (!fonts.Found) ChartsLog.NoFont(sp.GetRequiredService<ILogger<ChartFonts>>());
            return fonts;
        });
        services.AddSingleton<ChartRenderer>().AddSingleton<ChartUrls>().AddSingleton<ChartPublisher>();
        return services;
    }

    private static bool IsKey(string value)
    {
        Span<byte> bytes = stackalloc byte[256];
        return Convert.TryFromBase64String(value, bytes, out var n) && n >= 32;
    }
}
