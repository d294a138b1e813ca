#requires -Version 7.4
# Start-CmReplication, Get-CmReplicationRun, Wait-CmReplicationRun, Stop-CmReplicationRun and Get-CmReplicationTableResult,
# driven the way a user drives them on the embedded sample: a local factory in a store under $TestDrive, setup to Ready,
# a first run (every table in full), the results, a change made in the sample with the module's own SQLite provider and
# a second run that copies it as a delta, and -WhatIf writing nothing. The module's types live in their own load context,
# so objects are checked by PSObject.TypeNames, and the engine's ChangeCapture is reached through that context.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force

    function Get-LoadedAssembly([string] $Name) {
        [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq $Name } | Select-Object -First 1
    }

    # Runs SQL on a sample database with the module's own SQLite provider: rows changed, or the first value of a SELECT.
    function Invoke-SampleSql([string] $Path, [string] $Sql) {
        $assembly = Get-LoadedAssembly 'Microsoft.Data.Sqlite'
        $connection = [Activator]::CreateInstance($assembly.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]]@("Data Source=$Path;Pooling=False"))
        try {
            $connection.Open()
            $command = $connection.CreateCommand()
            $command.CommandText = $Sql
            if ($Sql.TrimStart().StartsWith('SELECT', [StringComparison]::OrdinalIgnoreCase)) { $command.ExecuteScalar() } else { $command.ExecuteNonQuery() }
        } finally { $connection.Dispose() }
    }

    # Turns the SQLite change log on for one table of an application database (the engine's ChangeCapture.EnableAsync).
    function Enable-SampleChangeCapture([string] $DatabasePath, [string] $Table, [string[]] $KeyColumns) {
        $engine = Get-LoadedAssembly 'CloudMigration.Engine'
        $endpointType = $engine.GetType('CloudMigration.Engine.Connections.CmEndpoint', $true)
        $endpoint = $endpointType.GetMethod('Parse').Invoke($null, @("sqlite:$DatabasePath", $null))
        $trackedType = $engine.GetType('CloudMigration.Engine.Replication.ChangeCapture+TrackedTable', $true)
        $tracked = [Activator]::CreateInstance($trackedType, @($Table, [System.Collections.Generic.List[string]]::new([string[]]$KeyColumns)))
        $list = [Array]::CreateInstance($trackedType, 1)
        $list.SetValue($tracked, 0)
        $method = $engine.GetType('CloudMigration.Engine.Replication.ChangeCapture', $true).GetMethods() |
            Where-Object { $_.Name -eq 'EnableAsync' -and $_.GetParameters()[0].ParameterType -eq $endpointType }
        $method.Invoke($null, @($endpoint, $list, [System.Threading.CancellationToken]::None)).GetAwaiter().GetResult()
    }
}

Describe 'Replication runs on the sample' {
    BeforeAll {
        $sample = New-CmSampleEnvironment -Path (Join-Path $TestDrive 'sample') -RowsPerTable 2 -Confirm:$false
        $store = Join-Path (Join-Path $TestDrive 'store') 'factories.db'
        Register-CmDataFactory -Name cm-repl-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $setup = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -Company 0010 -StorePath $store -Confirm:$false
        $gl = New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010 | Where-Object SourceTable -eq 'GLTran'
        $appPath = Join-Path $sample.Path ($gl.SourceDatabase + '.db')
        Enable-SampleChangeCapture -DatabasePath $appPath -Table 'GLTran' -KeyColumns @($gl.KeyColumns)
        $bcPath = Join-Path $sample.Path 'BusinessCentral.db'
    }

    It 'is set up' {
        $setup.Status | Should -Be 'Ready'
    }

    It '-WhatIf starts nothing and writes nothing' {
        $before = Get-ChildItem $sample.Path -File | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, (Get-FileHash $_.FullName).Hash }
        Start-CmReplication -Destination $sample.Destination -StorePath $store -WhatIf | Should -BeNullOrEmpty
        Get-ChildItem $sample.Path -File | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, (Get-FileHash $_.FullName).Hash } | Should -Be $before
    }

    It 'copies every table in full the first time, then only the change as a delta' {
        $first = Start-CmReplication -Destination $sample.Destination -StorePath $store -Confirm:$false
        $first.PSObject.TypeNames | Should -Contain 'CloudMigration.Engine.Replication.Runs.ReplicationRun'
        $first.Status | Should -Be 'UpgradePending'
        $first.Type | Should -Be 'Full'
        $results = @($first | Get-CmReplicationTableResult -StorePath $store)
        $results.Count | Should -Be $first.Tables
        $results | Where-Object Status -ne 'Successful' | Should -BeNullOrEmpty
        $destinationRows = Invoke-SampleSql $bcPath ('SELECT COUNT(*) FROM "{0}"' -f $gl.DestinationTable)
        $destinationRows | Should -Be (Invoke-SampleSql $appPath "SELECT COUNT(*) FROM GLTran WHERE rtrim(CpnyID) = '0010'")

        Invoke-SampleSql $appPath "UPDATE GLTran SET TranDesc = 'changed by Pester' WHERE rowid = (SELECT MIN(rowid) FROM GLTran WHERE rtrim(CpnyID) = '0010')" | Should -Be 1
        $second = Start-CmReplication -Destination $sample.Destination -Table GLTran -StorePath $store -Confirm:$false
        $second.Status | Should -Be 'UpgradePending'
        $second.Type | Should -Be 'Normal'
        $table = $second | Get-CmReplicationTableResult -StorePath $store
        $table.CopyType | Should -Be 'Delta'
        $table.RecordsCopied | Should -Be 1
        Invoke-SampleSql $bcPath ('SELECT COUNT(*) FROM "{0}" WHERE TranDesc = ''changed by Pester''' -f $gl.DestinationTable) | Should -Be 1

        @(Get-CmReplicationRun -Destination $sample.Destination -StorePath $store).Count | Should -Be 2
        (Get-CmReplicationRun -Destination $sample.Destination -Latest -StorePath $store).RunId | Should -Be $second.RunId
        ($second | Wait-CmReplicationRun -StorePath $store).Status | Should -Be 'UpgradePending'
        ($second | Stop-CmReplicationRun -StorePath $store -Confirm:$false).Status | Should -Be 'UpgradePending'
    }

    It 'reports a table missing on the source as a Warning (50004), keeps its rows, and ends the run Completed' {
        $before = Invoke-SampleSql $bcPath ('SELECT COUNT(*) FROM "{0}"' -f $gl.DestinationTable)
        $before | Should -BeGreaterThan 0
        Invoke-SampleSql $appPath 'DROP TABLE GLTran' | Out-Null

        $run = Start-CmReplication -Destination $sample.Destination -StorePath $store -Confirm:$false

        $run.Status | Should -Be 'Completed'
        $run.TablesFailed | Should -Be 0
        $warned = @($run | Get-CmReplicationTableResult -StorePath $store | Where-Object Status -ne 'Successful')
        $warned.Count | Should -Be 1
        $warned[0].SourceTable | Should -Be 'GLTran'
        "$($warned[0].Status)" | Should -Be 'Warning'
        $warned[0].ErrorCode | Should -Be '50004'
        $warned[0].ErrorMessage | Should -Match 'does not exist in the source database'
        Invoke-SampleSql $bcPath ('SELECT COUNT(*) FROM "{0}"' -f $gl.DestinationTable) | Should -Be $before
    }
}
