namespace HireBot.Teams;

/// <summary>How the bot's Entra app registration is set up; decides the token authority tenant.</summary>
/// <remarks>https://learn.microsoft.com/azure/bot-service/bot-builder-authentication (MicrosoftAppType)</remarks>
public enum TeamsAppType
{
    MultiTenant,
    SingleTenant,
}
