namespace HireBot.Core.Loops;

/// <summary>
/// What a use case decided: the loop's new state and the effects to write with it in one
/// transaction. <see cref="Repeated"/>: the request had already been carried out (a double click,
/// a retried command); <see cref="Effects"/> then only repair what the first run left undone.
/// </summary>
public sealed record LoopChange(LoopState State, IReadOnlyList<LoopEffect> Effects, bool Repeated = false)
{
    /// <summary>The effects of one kind, in order.</summary>
    public IReadOnlyList<T> Of<T>() where T : LoopEffect => [.. Effects.OfType<T>()];
}
