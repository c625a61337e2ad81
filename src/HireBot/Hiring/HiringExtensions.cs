namespace HireBot.Hiring;

public static class HiringExtensions
{
    public static IServiceCollection AddHiring(this IServiceCollection services)
    {
        services.AddSingleton<RoleStore>().AddSingleton<CandidateStore>().AddSingleton<PeopleStore>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton<ICommandFeature, HelpCommands>();
        services.AddSingleton<ICommandFeature, RoleCommands>();
        services.AddSingleton<ICommandFeature, CandidateCommands>();
        services.AddSingleton<ICommandFeature, StatusCommands>();
        services.AddSingleton<ICommandFeature, Decisions.CalibrationCommands>();
        return services;
    }
}
