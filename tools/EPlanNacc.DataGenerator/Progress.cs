using System.Diagnostics;
using System.Globalization;

namespace EPlanNacc.DataGenerator;

/// <summary>A one-line progress bar redrawn in place (<c>\r</c>): the table being written with its rows and rows per
/// second, and the whole load's. Redrawn at most ten times a second; into <see cref="TextWriter.Null"/>,
/// nothing.</summary>
internal sealed class Progress(TextWriter output, long totalRows)
{
    private const int Width = 30;
    private readonly Stopwatch _all = Stopwatch.StartNew();
    private readonly Stopwatch _table = new();
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private string _name = "";
    private long _tableRows;
    private long _tableTotal;
    private long _rows;
    private int _lineLength;
    private bool _ended;

    public long Rows => _rows;
    public TimeSpan Elapsed => _all.Elapsed;

    /// <summary>The counts written per table, in the order written.</summary>
    public List<(string Table, long Rows, TimeSpan Time)> Tables { get; } = [];

    public void Begin(string table, long expectedRows)
    {
        _name = table;
        _ended = false;
        _tableRows = 0;
        _tableTotal = Math.Max(1, expectedRows);
        _table.Restart();
        Draw();
    }

    public void Row()
    {
        _tableRows++;
        _rows++;
        if ((_tableRows & 1023) == 0 && _sinceDraw.ElapsedMilliseconds >= 100) Draw();
    }

    public void End()
    {
        Tables.Add((_name, _tableRows, _table.Elapsed));
        _ended = true;
        Draw();
    }

    /// <summary>A step that writes no rows (an index, a constraint, ANALYZE), shown in the bar while it runs.</summary>
    public void Step(string what)
    {
        _name = what;
        _ended = false;
        _tableRows = 0;
        _tableTotal = 0;
        Draw();
    }

    public void Finish()
    {
        if (_lineLength > 0) output.WriteLine();
        _lineLength = 0;
    }

    private void Draw()
    {
        _sinceDraw.Restart();
        // into a file or a pipe: one line per table or step, once it is done, rather than a bar redrawn in place
        if (Console.IsOutputRedirected && output == Console.Out)
        {
            if (_tableTotal == 0 || _ended)
                output.WriteLine($"{_all.Elapsed.TotalSeconds,6:0.0} s  {N(_rows)}/{N(totalRows)} rows  {_name}" +
                                 (_tableTotal == 0 ? "" : $" {N(_tableRows)} rows"));
            return;
        }
        var share = totalRows == 0 ? 1.0 : Math.Min(1.0, (double)_rows / totalRows);
        var filled = (int)(share * Width);
        var table = _tableTotal == 0 ? _name
            : $"{_name} {N(_tableRows)}/{N(_tableTotal)} ({N(PerSecond(_tableRows, _table))} rows/s)";
        var line = $"[{new string('#', filled)}{new string('-', Width - filled)}] {share * 100,3:0}% " +
                   $"{N(_rows)}/{N(totalRows)} rows, {N(PerSecond(_rows, _all))} rows/s, " +
                   $"{_all.Elapsed.TotalSeconds:0.0} s | {table}";
        output.Write("\r" + line.PadRight(_lineLength));
        _lineLength = line.Length;
        output.Flush();
    }

    private static long PerSecond(long rows, Stopwatch watch) =>
        watch.Elapsed.TotalSeconds < 0.001 ? 0 : (long)(rows / watch.Elapsed.TotalSeconds);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
