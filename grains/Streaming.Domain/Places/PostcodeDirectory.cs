namespace Streaming.Domain;

/// <summary>Postcode units by postcode, with prefix lookup for type-ahead (<c>TA1 1</c> → every TA1 1xx).</summary>
public sealed class PostcodeDirectory
{
    private readonly Dictionary<string, PostcodeRecord> _byCompact;
    private readonly string[] _sorted;

    /// <summary>Builds the directory; later duplicates of a postcode are ignored.</summary>
    public PostcodeDirectory(IEnumerable<PostcodeRecord> records)
    {
        _byCompact = [];
        foreach (var r in records)
        {
            _byCompact.TryAdd(r.Postcode.Compact, r);
        }
        _sorted = [.. _byCompact.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>How many postcodes it holds.</summary>
    public int Count => _sorted.Length;

    /// <summary>The record of a postcode, if known.</summary>
    public PostcodeRecord? Find(Postcode postcode) => _byCompact.GetValueOrDefault(postcode.Compact);

    /// <summary>Postcodes starting with <paramref name="prefix"/> (any spacing or case), in order, at most <paramref name="limit"/>.</summary>
    public IEnumerable<PostcodeRecord> WithPrefix(string prefix, int limit)
    {
        var compact = prefix.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length == 0)
        {
            yield break;
        }
        var at = Array.BinarySearch(_sorted, compact, StringComparer.Ordinal);
        for (var i = at < 0 ? ~at : at; i < _sorted.Length && limit-- > 0 && _sorted[i].StartsWith(compact, StringComparison.Ordinal); i++)
        {
            yield return _byCompact[_sorted[i]];
        }
    }
}
