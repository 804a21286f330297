using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// The images build from the repository root: each RUN dotnet restore/publish must find every project it needs
/// (a project added to the solution but not to the Dockerfile breaks <c>docker compose up --build</c>).
/// </summary>
public sealed partial class DockerfileTests
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

    [Theory]
    [InlineData("src/StatusGrid.Server/Dockerfile", "src/StatusGrid.Server/StatusGrid.Server.csproj")]
    [InlineData("load/StatusGrid.MockEmsp/Dockerfile", "load/StatusGrid.MockEmsp/StatusGrid.MockEmsp.csproj")]
    public void The_entrypoint_runs_the_assembly_the_project_publishes(string dockerfile, string project)
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Instruction(dockerfile, "ENTRYPOINT").Last())!;
        var assembly = XDocument.Parse(RepoFiles.Read(project)).Descendants("AssemblyName").FirstOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(project);
        Assert.Equal(["dotnet", assembly + ".dll"], entrypoint);
    }

    [Theory]
    [InlineData("src/StatusGrid.Server/Dockerfile")]
    [InlineData("load/StatusGrid.MockEmsp/Dockerfile")]
    public void The_image_runs_as_a_user_that_exists_and_is_not_root(string dockerfile)
    {
        var user = Instruction(dockerfile, "USER").Last();
        var final = Instruction(dockerfile, "FROM").Last();
        if (user == "$APP_UID")
        {
            // APP_UID (the non-root "app" user) is defined by Microsoft's .NET images from 8.0 on.
            var match = Regex.Match(final, @"^mcr\.microsoft\.com/dotnet/(aspnet|runtime|runtime-deps):(\d+)\.");
            Assert.True(match.Success && int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 8,
                $"{dockerfile}: USER $APP_UID needs a Microsoft .NET 8+ base image, not {final}");
            return;
        }

        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        if (!user.All(char.IsAsciiDigit))
        {
            Assert.True(Instruction(dockerfile, "RUN").Any(r => Regex.IsMatch(r, $@"(useradd|adduser)\b.*\b{Regex.Escape(user)}\b")),
                $"{dockerfile}: USER {user} is neither the base image's $APP_UID, a uid, nor created by useradd/adduser");
        }
    }

    /// <summary>Arguments of each occurrence of a Dockerfile instruction, in order.</summary>
    private static List<string> Instruction(string dockerfile, string name) =>
        [.. RepoFiles.Read(dockerfile).Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => l[(name.Length + 1)..].Trim())];

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
