namespace Streaming.Domain;

/// <summary>
/// Search over places for type-ahead: every query word must match a word of the place's name or address,
/// exactly, as a prefix (the word being typed), or within one or two typing errors; a postcode in the query,
/// with or without its space, matches the places at it. Ranked by how well and where (name over address).
/// Built once from the registry; immutable, so safe to share between threads.
/// </summary>
public sealed class PlaceIndex
{
    private readonly Place[] _places;
    private readonly Dictionary<string, List<(int Place, bool InName)>> _postings = new(StringComparer.Ordinal);
    private readonly string[] _vocabulary;

    /// <summary>Indexes the places.</summary>
    public PlaceIndex(IEnumerable<Place> places)
    {
        _places = [.. places];
        for (var i = 0; i < _places.Length; i++)
        {
            foreach (var word in AddressNormaliser.Tokens(_places[i].Name).Distinct())
            {
                Post(word, i, inName: true);
            }
            foreach (var word in AddressNormaliser.Tokens(string.Join(' ', _places[i].Address)).Distinct())
            {
                Post(word, i, inName: false);
            }
            if (_places[i].Postcode is { } postcode)
            {
                // So a postcode being typed ("TA1", "TA11N") finds the places at it.
                Post(postcode.Outward, i, inName: false);
                Post(postcode.Compact, i, inName: false);
            }
        }
        _vocabulary = [.. _postings.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The places, in the order given.</summary>
    public IReadOnlyList<Place> Places => _places;

    /// <summary>The best matches for <paramref name="query"/>, best first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<PlaceMatch> Search(string query, int limit)
    {
        var scores = new Dictionary<int, double>();
        var postcodes = Postcode.FindAll(query).Select(p => p.Compact).ToHashSet(StringComparer.Ordinal);
        var words = AddressNormaliser.Tokens(query);
        for (var w = 0; w < words.Length; w++)
        {
            var best = new Dictionary<int, double>();
            foreach (var (term, quality) in Terms(words[w], typing: w == words.Length - 1))
            {
                foreach (var (place, inName) in _postings[term])
                {
                    best[place] = Math.Max(best.GetValueOrDefault(place), quality * (inName ? 1.0 : 0.8));
                }
            }
            // Every word must match: keep only places matched so far (all of them for the first word).
            scores = w == 0 ? best : scores.Where(s => best.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value + best[s.Key]);
        }
        if (postcodes.Count > 0)
        {
            var atPostcode = Enumerable.Range(0, _places.Length).Where(i => _places[i].Postcode is { } p && postcodes.Contains(p.Compact));
            scores = words.Length == 0
                ? atPostcode.ToDictionary(i => i, _ => 3.0)
                : scores.Where(s => atPostcode.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value + 3);
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => _places[s.Key].Name, StringComparer.Ordinal).Take(limit)
            .Select(s => new PlaceMatch(_places[s.Key], Math.Round(s.Value, 3), null))];
    }

    /// <summary>The nearest geocoded places to a point, nearest first, within <paramref name="maxMetres"/>.</summary>
    public IReadOnlyList<PlaceMatch> Nearest(double latitude, double longitude, int limit, double maxMetres = double.PositiveInfinity) =>
        [.. _places.Where(p => p.Location is not null)
            .Select(p => new PlaceMatch(p, 0, GeoDistance.Metres(latitude, longitude, p.Location!.Latitude, p.Location.Longitude)))
            .Where(m => m.DistanceMetres <= maxMetres)
            .OrderBy(m => m.DistanceMetres).ThenBy(m => m.Place.Id, StringComparer.Ordinal).Take(limit)];

    // Vocabulary terms a query word can stand for, with a quality: exact 1, prefix of the word being typed 0.8,
    // one typing error 0.6, two (long words only) 0.4.
    private IEnumerable<(string Term, double Quality)> Terms(string word, bool typing)
    {
        var maxEdits = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        var at = Array.BinarySearch(_vocabulary, word, StringComparer.Ordinal);
        if (typing)
        {
            for (var i = at < 0 ? ~at : at; i < _vocabulary.Length && _vocabulary[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                yield return (_vocabulary[i], _vocabulary[i] == word ? 1.0 : 0.8);
            }
        }
        else if (at >= 0)
        {
            yield return (word, 1.0);
        }
        if (maxEdits == 0)
        {
            yield break;
        }
        foreach (var term in _vocabulary)
        {
            var distance = term == word || (typing && term.StartsWith(word, StringComparison.Ordinal)) ? 0 : EditDistance.Bounded(word, term, maxEdits);
            if (distance is > 0 && distance <= maxEdits)
            {
                yield return (term, distance == 1 ? 0.6 : 0.4);
            }
        }
    }

    private void Post(string word, int place, bool inName)
    {
        if (!_postings.TryGetValue(word, out var list))
        {
            _postings[word] = list = [];
        }
        if (!list.Exists(p => p.Place == place))
        {
            list.Add((place, inName));
        }
    }
}
