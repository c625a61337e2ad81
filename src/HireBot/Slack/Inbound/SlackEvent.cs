using System.Text.Json.Serialization;

namespace HireBot.Slack;

/// <summary>The inner "event" of an event_callback; Type is Slack's event type name. Stored in the inbox under a kind per record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(SlackAppHomeOpened), "app_home_opened")]
[JsonDerivedType(typeof(SlackRevocation), "revocation")]
[JsonDerivedType(typeof(SlackOtherEvent), "other")]
public abstract record SlackEvent(string Type);
