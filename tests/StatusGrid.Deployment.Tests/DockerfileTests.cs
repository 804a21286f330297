using System.Xml.Linq;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// The images build from the repository root: each RUN dotnet restore/publish must find every project it needs
/// (a project added to the solution but not to the Dockerfile breaks <c>docker compose up --build</c>).
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string[] BuildFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    [Theory]
    [InlineData("src/StatusGrid.Server/Dockerfile", "src/StatusGrid.Server/StatusGrid.Server.csproj")]
    [InlineData("load/StatusGrid.MockEmsp/Dockerfile", "load/StatusGrid.MockEmsp/StatusGrid.MockEmsp.csproj")]
    public void Every_dotnet_step_sees_the_build_props_and_every_project_it_references(string dockerfile, string project)
    {
        var needed = ProjectClosure(project);
        var steps = 0;
        var copied = new List<string>();
        foreach (var line in RepoFiles.Read(dockerfile).Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
                copied.AddRange(parts);
            }
            else if (line.StartsWith("RUN dotnet restore", StringComparison.Ordinal) || line.StartsWith("RUN dotnet publish", StringComparison.Ordinal))
            {
                steps++;
                Assert.Contains(project, line, StringComparison.Ordinal);
                foreach (var file in BuildFiles.Concat(needed))
                {
                    Assert.True(copied.Any(source => Covers(source, file)), $"{dockerfile}: '{line}' runs before {file} is copied");
                }

                if (line.StartsWith("RUN dotnet publish", StringComparison.Ordinal))
                {
                    // Publishing compiles: each project's whole folder must be there, not only its .csproj.
                    foreach (var folder in needed.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/') + "/"))
                    {
                        Assert.True(copied.Any(source => source.EndsWith('/') && folder.StartsWith(source, StringComparison.Ordinal)),
                            $"{dockerfile}: the sources in {folder} are not copied before publish");
                    }
                }
            }
        }

        Assert.True(steps > 0, dockerfile + " runs no dotnet restore/publish of " + project);
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.TryDequeue(out var next))
        {
            if (found.Contains(next))
            {
                continue;
            }

            found.Add(next);
            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Parse(RepoFiles.Read(next)).Descendants("ProjectReference"))
            {
                var relative = Path.GetRelativePath(RepoFiles.Root, RepoFiles.PathOf(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                pending.Enqueue(relative.Replace('\\', '/'));
            }
        }

        return found;
    }

    // "src/" covers everything below it; a file path covers itself.
    private static bool Covers(string source, string file) =>
        source.EndsWith('/') ? file.StartsWith(source, StringComparison.Ordinal) : source == file;
}
