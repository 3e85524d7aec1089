using System.Text;

namespace Streaming.Domain;

/// <summary>Splits one line of RFC 4180 CSV: quoted fields may hold commas and doubled quotes.</summary>
public static class Csv
{
    /// <summary>The fields of <paramref name="line"/>, unquoted.</summary>
    public static string[] Split(string line, char separator = ',')
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is not ('\r' or '\n'))
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
