using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Streaming.Harness;

/// <summary>
/// The repository's real data sets (data/), read the way tests/Streaming.EndToEnd.Tests/Silo/OpenDataSets.cs reads them
/// (a copy of its approach, not a reference to the test project): sensor rows as our sensor JSON, GP practice addresses.
/// </summary>
internal static class OpenData
{
    internal sealed record SensorRow(string Source, DateTimeOffset Time, (string Metric, double Value, string Unit)[] Readings)
    {
        /// <summary>The row as one object of our sensor JSON, with units.</summary>
        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("source", Source);
            json.WriteString("time", Time.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("readings");
            foreach (var (metric, value, _) in Readings)
            {
                json.WriteNumber(metric, value);
            }
            json.WriteEndObject();
            json.WriteStartObject("unit");
            foreach (var (metric, _, unit) in Readings)
            {
                json.WriteString(metric, unit);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    /// <summary>The repository root: the first folder up from the working directory (or the harness) holding data/sensors.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "data", "sensors")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("No data/sensors folder above the working directory: run the harness from the repository (scripts/bench.sh does)");
    }

    /// <summary>
    /// UCI Air Quality: ';'-separated, decimal commas, -200 for missing (sent as-is: the platform rejects it), trailing
    /// empty rows skipped. Local Italian time, taken as a fixed +01:00 so no hour repeats.
    /// </summary>
    public static IEnumerable<SensorRow> UciAirQuality(string root)
    {
        foreach (var line in File.ReadLines(Path.Combine(root, "data/sensors/uci_air_quality/AirQualityUCI.csv")).Skip(1))
        {
            var f = line.Split(';');
            if (f.Length < 15 || f[0].Length == 0)
            {
                continue;
            }
            var local = DateTime.ParseExact($"{f[0]} {f[1]}", "dd/MM/yyyy HH.mm.ss", CultureInfo.InvariantCulture);
            double Num(string s) => double.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture);
            yield return new SensorRow("uci-air-1", new DateTimeOffset(local, TimeSpan.FromHours(1)),
                [("co", Num(f[2]), "mg/m3"), ("no2", Num(f[9]), "ug/m3"), ("temperature", Num(f[12]), "Cel"), ("humidity", Num(f[13]), "%RH")]);
        }
    }

    /// <summary>Beijing multi-site (12 stations, hourly): "NA" for missing (left out), China Standard Time (+08:00), CO in ug/m3.</summary>
    public static IEnumerable<SensorRow> BeijingMultiSite(string root)
    {
        var columns = new (int Index, string Metric, string Unit)[]
        {
            (5, "pm25", "ug/m3"), (6, "pm10", "ug/m3"), (7, "so2", "ug/m3"), (8, "no2", "ug/m3"),
            (9, "co", "ug/m3"), (10, "o3", "ug/m3"), (11, "temperature", "Cel"), (12, "pressure", "hPa"),
        };
        foreach (var line in File.ReadLines(Path.Combine(root, "data/sensors/beijing_multisite_air_quality/PRSA_12stations_2016-03-01_2017-02-28.csv")).Skip(1))
        {
            var f = line.Split(',');
            int Int(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            var time = new DateTimeOffset(Int(1), Int(2), Int(3), Int(4), 0, 0, TimeSpan.FromHours(8));
            var readings = columns.Where(c => f[c.Index] != "NA")
                .Select(c => (c.Metric, double.Parse(f[c.Index], CultureInfo.InvariantCulture), c.Unit)).ToArray();
            if (readings.Length > 0)
            {
                yield return new SensorRow("beijing-" + f[17].Trim('"').ToLowerInvariant(), time, readings);
            }
        }
    }

    /// <summary>Rows as one JSON array (an HTTP ingest batch).</summary>
    public static byte[] Batch(IEnumerable<SensorRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                row.WriteJson(json);
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    /// <summary>A GP practice of the NHS ODS epraccur extract: name, address lines (empty ones left out), postcode.</summary>
    internal sealed record Practice(string Name, string[] AddressLines, string Postcode);

    public static List<Practice> GpPractices(string root)
    {
        var file = Directory.GetFiles(Path.Combine(root, "data/addresses/nhs_ods_gp_practices_epraccur"), "*.csv").Single();
        var practices = new List<Practice>();
        foreach (var line in File.ReadLines(file, Encoding.UTF8).Skip(1))
        {
            var f = Streaming.Domain.Csv.Split(line); // the extract quotes every field
            if (f.Length < 10)
            {
                continue;
            }
            practices.Add(new Practice(f[1], f.Skip(4).Take(5).Where(a => a.Length > 0).ToArray(), f[9]));
        }
        return practices;
    }
}
