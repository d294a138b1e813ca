#requires -Version 7.4
# A replication run whose process is killed mid-table resumes without losses or duplicates. On the embedded sample,
# GLTran of company 0010 is made big (150,000 more rows, fifteen copy batches, before setup installs its change log) so
# that copying it takes seconds. A child pwsh sets up and starts a full run of GLTran and four small tables (it hosts the
# local node, so it executes the pipeline run) and is killed while GLTran's staging table fills; a second child starts
# the next run (the killed one is closed Failed at once) and is killed after some tables were applied. Then this process runs twice (a catch-up run, then a Normal one), and the
# destination matches the source: every table Match, GLTran's rows counted, no key twice. No timing is asserted: the
# waits only bound how long a loaded machine may take.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:children = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

    # Runs SQL on a sample database with the module's own SQLite provider: rows changed, or the first value of a SELECT.
    function Invoke-SampleSql([string] $Path, [string] $Sql) {
        $assembly = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' } | Select-Object -First 1
        $connection = [Activator]::CreateInstance($assembly.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]]@("Data Source=$Path;Pooling=False;Default Timeout=60"))
        try {
            $connection.Open()
            $command = $connection.CreateCommand()
            $command.CommandText = $Sql
            if ($Sql.TrimStart().StartsWith('SELECT', [StringComparison]::OrdinalIgnoreCase)) { $command.ExecuteScalar() } else { $command.ExecuteNonQuery() }
        } finally { $connection.Dispose() }
    }

    # The running replication run and its GLTran row: RunId, stage rows so far, GLTran's status, tables applied; nothing when none runs.
    function Get-RunningRun {
        try {
            $row = Invoke-SampleSql $bcPath @"
SELECT r.RunId || '|' || t.StageTable || '|' || g.Status || '|' ||
       (SELECT COUNT(*) FROM cm_ReplicationTableResult s WHERE s.RunId = r.RunId AND s.Status = 'Successful')
FROM cm_ReplicationRun r
JOIN cm_ReplicationTableResult g ON g.RunId = r.RunId AND g.SourceTable = 'GLTran'
JOIN cm_ReplicationTable t ON t.TableId = g.TableId
WHERE r.Status = 'InProgress' AND t.RunId = r.RunId
"@
            if (-not $row) { return }
            $runId, $stage, $status, $applied = $row -split '\|'
            [pscustomobject]@{
                RunId = $runId; GlStatus = $status; Applied = [int]$applied
                Staged = [long](Invoke-SampleSql $bcPath "SELECT COUNT(*) FROM `"$stage`"")
            }
        } catch {
            return   # the child holds the database for a moment, or has not created the stage yet: look again
        }
    }

    # Starts this test's child script in a new pwsh process (the same pwsh this one runs on); its output goes to a file.
    function Start-Child([string] $Name, [switch] $Setup) {
        $log = Join-Path $TestDrive "$Name.log"
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -ne 'pwsh') {
            # Run by dotnet (a dotnet tool): start pwsh.dll the same way, so the process killed is pwsh itself.
            $info.ArgumentList.Add('exec')
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        $arguments = @('-NoProfile', '-NonInteractive', '-File', $childScript, '-ModulePath', $env:CM_TEST_MODULE_PATH, '-StorePath', $store,
            '-Source', "$($sample.Source)", '-Destination', "$($sample.Destination)", '-Tables', ($tables -join ','), '-LogPath', $log)
        if ($Setup) { $arguments += '-Setup' }
        foreach ($argument in $arguments) { $info.ArgumentList.Add($argument) }
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $children.Add($process)
        [pscustomobject]@{ Process = $process; Log = $log }
    }

    # Waits until $Condition returns something, failing when the child ends first or the (generous) time is up.
    function Wait-ChildState($Child, [scriptblock] $Condition, [string] $What, [int] $Seconds = 240) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ($true) {
            $state = & $Condition
            if ($state) { return $state }
            $log = if (Test-Path $Child.Log) { Get-Content $Child.Log -Raw } else { '' }
            if ($Child.Process.HasExited) { throw "The child ended (exit code $($Child.Process.ExitCode)) before $What. Its output: $log" }
            if ([DateTime]::UtcNow -gt $deadline) { throw "Waited $Seconds s for $What. The child's output: $log" }
            Start-Sleep -Milliseconds 50
        }
    }

    function Stop-Child($Child) {
        Stop-Process -Id $Child.Process.Id -Force
        $Child.Process.WaitForExit()
    }

    $script:childScript = Join-Path $TestDrive 'replicate.ps1'
    Set-Content -LiteralPath $childScript -Value @'
param([string] $ModulePath, [string] $StorePath, [string] $Source, [string] $Destination, [string] $Tables, [string] $LogPath, [switch] $Setup)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
& {
    Import-Module (Join-Path $ModulePath 'CloudMigration.psd1')
    if ($Setup) { Start-CmSetup -Source $Source -Destination $Destination -Company 0010 -StorePath $StorePath -Confirm:$false | Format-List Status, Message }
    "pid $PID starts a full run"
    Start-CmReplication -Destination $Destination -Table ($Tables -split ',') -Full -StorePath $StorePath -Confirm:$false | Format-List *
} *> $LogPath
'@

    $script:sample = New-CmSampleEnvironment -Path (Join-Path $TestDrive 'sample') -RowsPerTable 2 -Confirm:$false
    $script:store = Join-Path (Join-Path $TestDrive 'store') 'factories.db'
    $script:bcPath = Join-Path $sample.Path 'BusinessCentral.db'
    $plan = New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010
    $script:gl = $plan | Where-Object SourceTable -eq 'GLTran'
    # The runs copy GLTran and four small tables (a run of every table takes long on a loaded machine, and adds nothing here).
    $script:tables = @('GLTran') + @($plan | Where-Object SourceTable -ne 'GLTran' | Select-Object -First 4 -ExpandProperty SourceTable)
    $script:appPath = Join-Path $sample.Path ($gl.SourceDatabase + '.db')
    Register-CmDataFactory -Name cm-kill-01 -Local -StorePath $store -Confirm:$false | Out-Null

    # 150,000 copies of one 0010 row, each with its own key (BatNbr 'K1'..'K150000', LineNbr 1; SL's LineNbr is a smallint):
    # on a quiet machine 30,000 rows were copied between two polls.
    $columns = (Invoke-SampleSql $appPath "SELECT group_concat('`"' || name || '`"', ',') FROM pragma_table_info('GLTran')") -split ','
    $values = $columns | ForEach-Object { switch ($_) { '"BatNbr"' { "'K' || n" } '"LineNbr"' { '1' } default { "t.$_" } } }
    Invoke-SampleSql $appPath @"
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 150000)
INSERT INTO GLTran ($($columns -join ', '))
SELECT $($values -join ', ') FROM seq, (SELECT * FROM GLTran WHERE rtrim(CpnyID) = '0010' LIMIT 1) AS t
"@ | Out-Null
    $script:sourceRows = [long](Invoke-SampleSql $appPath "SELECT COUNT(*) FROM GLTran WHERE rtrim(CpnyID) = '0010'")
}

AfterAll {
    foreach ($child in $children) {
        if (-not $child.HasExited) { Stop-Process -Id $child.Id -Force -ErrorAction SilentlyContinue; $child.WaitForExit() }
        $child.Dispose()
    }
}

Describe 'A replication run whose process is killed' {
    BeforeAll {
        # 1. Killed while GLTran's staging table fills (or, on a very fast machine, at least before GLTran was applied).
        $script:first = Start-Child 'first' -Setup
        $script:firstAtKill = Wait-ChildState $first { Get-RunningRun | Where-Object { $_.Staged -gt 0 -and $_.GlStatus -ne 'Successful' } } 'GLTran was being copied'
        Stop-Child $first

        # 2. The next run, in a new process, starts at once; killed once some tables were applied and GLTran was not.
        $script:second = Start-Child 'second'
        $script:secondAtKill = Wait-ChildState $second {
            Get-RunningRun | Where-Object { $_.RunId -ne $firstAtKill.RunId -and $_.Applied -gt 0 -and $_.GlStatus -ne 'Successful' }
        } 'the second run had applied some tables'
        Stop-Child $second
        Write-Host ("Killed the first run with {0:N0} of {1:N0} GLTran rows staged; the second after {2} table(s) applied, {3:N0} rows staged." -f
            $firstAtKill.Staged, $sourceRows, $secondAtKill.Applied, $secondAtKill.Staged)

        # 3. This process: a run that catches up, then a Normal run.
        $script:catchUp = Start-CmReplication -Destination $sample.Destination -Table $tables -StorePath $store -Confirm:$false
        $script:normal = Start-CmReplication -Destination $sample.Destination -Table $tables -StorePath $store -Confirm:$false
    }

    It 'the killed runs were Failed, saying the process hosting the node ended' -ForEach @(
        @{ Which = 'first' }
        @{ Which = 'second' }
    ) {
        $child = Get-Variable -Name $Which -ValueOnly
        $atKill = Get-Variable -Name "${Which}AtKill" -ValueOnly
        $run = Get-CmReplicationRun -Destination $sample.Destination -Id $atKill.RunId -StorePath $store
        "$($run.Status)" | Should -Be 'Failed'
        $run.Message | Should -BeLike "*The process hosting the node * (pid $($child.Process.Id)) ended while the run was in progress*"
        $glResult = $run | Get-CmReplicationTableResult -StorePath $store | Where-Object SourceTable -eq 'GLTran'
        "$($glResult.Status)" | Should -Be 'Failed'
    }

    It 'the second run did not wait for the first: it started in the child that was killed' {
        Get-Content $second.Log -Raw | Should -BeLike "*pid $($second.Process.Id) starts a full run*"
        $secondAtKill.Applied | Should -BeGreaterThan 0
    }

    It 'the run after the kills and a Normal run end without failed tables' {
        $failed = $catchUp | Get-CmReplicationTableResult -StorePath $store | Where-Object { "$($_.Status)" -ne 'Successful' } | ForEach-Object { "$($_.SourceTable): $($_.ErrorMessage)" }
        "$($catchUp.Status)" | Should -Be 'UpgradePending' -Because "$($catchUp.Message) $failed"
        $catchUp.TablesFailed | Should -Be 0
        "$($normal.Status)" | Should -Be 'UpgradePending' -Because $normal.Message
        "$($normal.Type)" | Should -Be 'Normal'
        @($normal | Get-CmReplicationTableResult -StorePath $store | Where-Object { "$($_.Status)" -ne 'Successful' }) | Should -BeNullOrEmpty
    }

    It 'every table matches the source, GLTran has every row once' {
        @($sample | Test-CmReplication -Company 0010 -Table $tables | Where-Object { "$($_.Status)" -ne 'Match' }) | Should -BeNullOrEmpty
        $table = '"{0}"' -f $gl.DestinationTable
        Invoke-SampleSql $bcPath "SELECT COUNT(*) FROM $table" | Should -Be $sourceRows
        $keys = ($gl.KeyColumns | ForEach-Object { '"{0}"' -f $_ }) -join ', '
        Invoke-SampleSql $bcPath "SELECT COUNT(*) FROM (SELECT 1 FROM $table GROUP BY $keys HAVING COUNT(*) > 1)" | Should -Be 0
    }

    It 'leaves no child process behind' {
        $children | ForEach-Object { $_.HasExited | Should -BeTrue }
    }
}
