using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Reads the real open data sets in data/sensors into (source, time, readings) rows, independently of the
/// product's code: the tests compare what the platform computed with what is computed here.
/// </summary>
internal static class OpenDataSets
{
    internal sealed record Row(string Source, DateTimeOffset Time, Dictionary<string, (double Value, string Unit)> Readings)
    {
        /// <summary>The row as one object of our sensor JSON, with units.</summary>
        public string ToSensorJson()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("source", Source);
                json.WriteString("time", Time.ToString("O", CultureInfo.InvariantCulture));
                json.WriteStartObject("readings");
                foreach (var (metric, (value, _)) in Readings)
                {
                    json.WriteNumber(metric, value);
                }
                json.WriteEndObject();
                json.WriteStartObject("unit");
                foreach (var (metric, (_, unit)) in Readings)
                {
                    json.WriteString(metric, unit);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    /// <summary>
    /// UCI Air Quality: ';'-separated, decimal commas, -200 for missing (sent as-is: the platform must reject it),
    /// trailing empty rows skipped. Local Italian time, taken as a fixed +01:00 so no hour repeats.
    /// </summary>
    public static IEnumerable<Row> UciAirQuality(string root)
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
            yield return new Row("uci-air-1", new DateTimeOffset(local, TimeSpan.FromHours(1)), new()
            {
                ["co"] = (Num(f[2]), "mg/m3"),
                ["no2"] = (Num(f[9]), "ug/m3"),
                ["temperature"] = (Num(f[12]), "Cel"),
                ["humidity"] = (Num(f[13]), "%RH"),
            });
        }
    }

    /// <summary>Beijing multi-site: "NA" for missing (left out), China Standard Time (+08:00), CO in ug/m3.</summary>
    public static IEnumerable<Row> BeijingMultiSite(string root)
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
                .ToDictionary(c => c.Metric, c => (double.Parse(f[c.Index], CultureInfo.InvariantCulture), c.Unit));
            if (readings.Count > 0)
            {
                yield return new Row("beijing-" + f[17].Trim('"').ToLowerInvariant(), time, readings);
            }
        }
    }
}
