namespace StatusGrid.Deployment.Tests;

/// <summary>The README's compose instructions match what compose needs and shows.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_README_names_the_env_file_the_compose_version_and_shows_finished_services()
    {
        var readme = RepoFiles.Read("README.md");
        Assert.Contains(".env.example", readme, StringComparison.Ordinal);
        Assert.Contains("Docker Compose v2", readme, StringComparison.Ordinal);
        // `docker compose ps` hides exited containers: the finished migrate only shows with -a.
        Assert.DoesNotContain("docker compose ps  ", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("docker compose ps\n", readme, StringComparison.Ordinal);
        Assert.Contains("docker compose ps -a", readme, StringComparison.Ordinal);
    }
}
