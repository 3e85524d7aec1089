namespace Streaming.Grains.Abstractions;

/// <summary>
/// A grain that can be brought back to do what fell due while it was not active: windows that have ended and should
/// close, segments its parent has not confirmed. Harmless to call at any time: it does only what is due.
/// </summary>
public interface IWakeUpGrain : IGrainWithStringKey
{
    /// <summary>Does whatever has fallen due, and arms its timer for what has not.</summary>
    Task WakeUp();
}
