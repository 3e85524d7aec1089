namespace Streaming.EndToEnd.Tests;

/// <summary>Test grain: a persisted counter that can also hold a reminder.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task RegisterReminder(string name);

    Task CancelReminder(string name);
}
