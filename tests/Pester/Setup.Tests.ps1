#requires -Version 7.4
# Start-CmSetup, Get-CmSetup and Remove-CmSetup, driven the way a user drives them on the embedded sample: a local
# factory registered in a store under $TestDrive, setup to Ready and again (nothing changes), companies piped from
# Get-CmCompany, a setup made for other input (SetupExists, -Force), -WhatIf (every step, nothing written, no store
# created), a failed compatibility check and its resume, removal, the views and exports, and a SQL Server password
# that never shows. Every Describe has its own sample and store; Its that only read share one setup. The module's
# types live in their own load context, so objects are checked by PSObject.TypeNames, not -BeOfType.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:originalStore = $env:CM_FACTORY_STORE
    $script:stepNames = 'ControlSchema', 'Factory', 'IntegrationRuntime', 'LinkedServices', 'PreparationPipeline', 'Compatibility',
        'TablePlan', 'ReplicationPipeline', 'Ready'

    # A new store path in its own folder under the current block's TestDrive (the folder does not exist yet).
    function New-StorePath([string] $Name = 'store') {
        Join-Path (Join-Path $TestDrive ("$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))) 'factories.db'
    }

    function New-Sample([string] $Name) {
        New-CmSampleEnvironment -Path (Join-Path $TestDrive $Name) -RowsPerTable 2 -Confirm:$false
    }

    # Every file of a folder, hidden ones included, with its SHA256.
    function Get-FolderState([string] $Folder) {
        Get-ChildItem $Folder -File -Force | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
    }

    # The resource suffix of a setup: the first 8 hex digits of its id.
    function Get-Suffix([string] $SetupId) { $SetupId.Replace('-', '').Substring(0, 8) }

    # Runs a script block and returns its output and what it wrote to the host (-WhatIf and -Confirm messages go there).
    function Invoke-WithHostText([scriptblock] $Script) {
        $path = Join-Path $TestDrive ('host-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $path -UseMinimalHeader | Out-Null
        try { $output = @(& $Script) } finally { Stop-Transcript | Out-Null }
        [pscustomobject]@{ Output = $output; Text = (Get-Content -LiteralPath $path -Raw) }
    }

    # Runs SQL on a sample database with the module's own SQLite provider (the one its engine loaded): the number of rows
    # changed, or the first value for a SELECT.
    function Invoke-SampleSql([string] $Path, [string] $Sql) {
        $assembly = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' } | Select-Object -First 1
        if (-not $assembly) { throw 'Microsoft.Data.Sqlite is not loaded; create a sample first.' }
        $connection = [Activator]::CreateInstance($assembly.GetType('Microsoft.Data.Sqlite.SqliteConnection', $true), [object[]]@("Data Source=$Path;Pooling=False"))
        try {
            $connection.Open()
            $command = $connection.CreateCommand()
            $command.CommandText = $Sql
            if ($Sql.TrimStart().StartsWith('SELECT', [StringComparison]::OrdinalIgnoreCase)) { $command.ExecuteScalar() } else { $command.ExecuteNonQuery() }
        } finally { $connection.Dispose() }
    }

    # Every text a user can get out of an error record, the exception chain included.
    function Get-ErrorText($ErrorRecord) {
        @(
            $ErrorRecord | Out-String -Width 400
            $ErrorRecord | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception.ToString()
            $ErrorRecord.ErrorDetails.Message
            $ErrorRecord.ErrorDetails.RecommendedAction
            "$($ErrorRecord.TargetObject)"
            $ErrorRecord.CategoryInfo | Out-String -Width 400
            for ($e = $ErrorRecord.Exception; $e; $e = $e.InnerException) { $e.GetType().FullName; $e.Message; "$($e.Data.Values)" }
        ) -join "`n"
    }

    # Files in the folder whose bytes contain $Text as UTF-8 or as UTF-16.
    function Find-TextInFiles([string] $Folder, [string] $Text) {
        $latin1 = [System.Text.Encoding]::Latin1
        @(foreach ($file in Get-ChildItem -LiteralPath $Folder -File -Force) {
                $haystack = $latin1.GetString([System.IO.File]::ReadAllBytes($file.FullName))
                foreach ($encoding in [System.Text.Encoding]::UTF8, [System.Text.Encoding]::Unicode) {
                    if ($haystack.Contains($latin1.GetString($encoding.GetBytes($Text)), [StringComparison]::Ordinal)) {
                        "$($file.Name) ($($encoding.WebName))"
                    }
                }
            })
    }

    # Whether the factory has a pipeline, asked the way a user can: running a missing one is ResourceNotFound.
    function Test-PipelineMissing([string] $Factory, [string] $Name, [string] $Store) {
        try {
            Invoke-CmPipeline -Factory $Factory -Name $Name -StorePath $Store -Confirm:$false -ErrorAction Stop | Out-Null
            $false
        } catch {
            if ($_.FullyQualifiedErrorId -notlike 'ResourceNotFound,*') { throw }
            $true
        }
    }
}

AfterAll {
    if ($null -eq $script:originalStore) { Remove-Item Env:CM_FACTORY_STORE -ErrorAction SilentlyContinue }
    else { $env:CM_FACTORY_STORE = $script:originalStore }
}

Describe 'Start-CmSetup on the embedded sample' {
    BeforeAll {
        $script:sample = New-Sample 'main-sample'
        $script:store = New-StorePath 'main'
        Register-CmDataFactory -Name cm-setup-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $all = @(Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false -Verbose 4>&1)
        $script:verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $script:setups = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $script:setup = $setups[0]
        $script:suffix = Get-Suffix $setup.SetupId
    }

    It 'writes one MigrationSetup, Ready, with the 9 steps Completed in order' {
        $setups.Count | Should -Be 1
        $setup.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Setup.MigrationSetup'
        "$($setup.Status)" | Should -Be 'Ready' -Because $setup.Message
        $setup.SetupId | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        @($setup.Steps).Count | Should -Be 9
        @($setup.Steps | ForEach-Object { "$($_.Name)" }) | Should -Be $stepNames
        @($setup.Steps | ForEach-Object Ordinal) | Should -Be (1..9)
        @($setup.Steps | Where-Object { "$($_.Status)" -ne 'Completed' } | ForEach-Object { "$($_.Name) $($_.Status): $($_.Message)" }) | Should -BeNullOrEmpty
        $setup.Steps[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Setup.SetupStepInfo'
        $setup.Changed | Should -BeTrue
        $setup.CompletedAt | Should -Not -BeNullOrEmpty
        $setup.Duration.TotalMilliseconds | Should -BeGreaterThan 0
    }

    It 'sets up every active company on the factory, with the factory resources named by the setup' {
        $setup.Companies | Should -Be @('0010', '0020', '0030')
        $setup.Factory | Should -Be 'cm-setup-01'
        $setup.FactoryKind | Should -Be 'Local'
        $setup.FactoryReason | Should -Not -BeNullOrEmpty
        $setup.IntegrationRuntime | Should -Match '^cm-ir-'
        $setup.IntegrationRuntimeKey | Should -BeNullOrEmpty
        $setup.Tables | Should -Be 180
        $setup.TablesByCopyMethod | Should -Be 'Delta 174, Full 6, Skip 0' # the change log setup installs tracks the tables with a primary key
        $setup.Pipelines | Should -Be @("CmReplication_$suffix")
        @($setup.FactoryResources | Sort-Object) | Should -Be @("CmBcDestination_$suffix", "CmBcTables_$suffix", "CmReplication_$suffix", "CmSlSource_$suffix", "CmSlTables_$suffix")
        $setup.Source | Should -Be $sample.Source.DisplayString
        $setup.Destination | Should -Be $sample.Destination.DisplayString
        @($setup.Compatibility | Where-Object { "$($_.Status)" -eq 'Failed' }) | Should -BeNullOrEmpty
    }

    It 'installs the change log in each application database, so the plan copies the keyed tables'' changes' {
        foreach ($database in Get-ChildItem $sample.Path -Filter 'SLApp*.db') {
            Invoke-SampleSql $database.FullName "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cm_ct1_%'" | Should -Be (58 * 3) -Because $database.Name
            Invoke-SampleSql $database.FullName "SELECT COUNT(*) FROM cm_ChangeTracking" | Should -Be 58 -Because $database.Name
        }
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination)
        @($plan | Where-Object { "$($_.CopyMethod)" -eq 'Delta' }).Count | Should -Be 174
        $unkeyed = @($plan | Where-Object SourceTable -in 'POAddress', 'SOAddress')
        $unkeyed.Count | Should -Be 6
        $unkeyed | ForEach-Object { "$($_.CopyMethod)" | Should -Be 'Full'; $_.Reason | Should -Match 'has no primary key' }
        $check = @(Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination | Where-Object Check -eq 'ChangeTracking')
        $check.Count | Should -Be 2
        $check | ForEach-Object { "$($_.Status)" | Should -Be 'Passed'; $_.Message | Should -Match 'tracks 58 of its 60 mapped tables' }
    }

    It 'deleted the preparation pipeline at Ready' {
        Test-PipelineMissing 'cm-setup-01' "CmPreparation_$suffix" $store | Should -BeTrue
    }

    It 'writes one verbose message per step' {
        $steps = @($verbose | Where-Object { $_.Message -match '^\d\. \w+: ' })
        $steps.Count | Should -Be 9
        $steps[0].Message | Should -BeLike '1. ControlSchema: Completed. *'
        $steps[8].Message | Should -BeLike '9. Ready: Completed. *'
    }

    It 'a second run says nothing changed, and changes nothing in the sample' {
        $before = Get-FolderState $sample.Path
        $again = @(Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false)
        $again.Count | Should -Be 1
        $again[0].Changed | Should -BeFalse
        $again[0].SetupId | Should -Be $setup.SetupId
        "$($again[0].Status)" | Should -Be 'Ready'
        $again[0].Message | Should -Match 'nothing changed'
        @($again[0].Steps | Where-Object Attempts -ne 1) | Should -BeNullOrEmpty
        Get-FolderState $sample.Path | Should -Be $before
    }

    It 'Get-CmSetup returns the same setup, by parameter and from the pipeline' {
        $got = @(Get-CmSetup -Destination $sample.Destination)
        $got.Count | Should -Be 1
        $got[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Setup.MigrationSetup'
        $got[0].SetupId | Should -Be $setup.SetupId
        "$($got[0].Status)" | Should -Be 'Ready'
        $got[0].Changed | Should -BeFalse
        @($got[0].Steps | ForEach-Object { "$($_.Name)=$($_.Status)" }) | Should -Be @($setup.Steps | ForEach-Object { "$($_.Name)=$($_.Status)" })
        ($sample | Get-CmSetup).SetupId | Should -Be $setup.SetupId
        ($setup | Get-CmSetup).SetupId | Should -Be $setup.SetupId
        (Get-CmSetup $sample.Destination).SetupId | Should -Be $setup.SetupId
    }

    It 'shows the table view with the setup''s columns' {
        $text = $setup | Out-String -Width 200
        $text | Should -Match 'SetupId\s+Status\s+Factory\s+IR\s+Companies\s+Tables\s+Duration\s+Message'
        $text | Should -Match ([regex]::Escape($setup.SetupId))
        $text | Should -Match 'Delta 174'
        $text | Should -Match 'Full 6'
        $text | Should -Match '0030'
    }

    It 'shows the list view with readable steps' {
        $text = $setup | Format-List | Out-String -Width 200
        foreach ($label in 'FactoryReason', 'Pipelines', 'BatchCount', 'SourceCompanies', 'EstimatedRows', 'EstimatedSizeMB', 'Steps') {
            $text | Should -Match "(?m)^$label\s+:" -Because "the list view shows $label"
        }
        $text | Should -Match 'Companies\s+: 0010, 0020, 0030'
        $text | Should -Match '1\. ControlSchema: Completed'
        $text | Should -Match '9\. Ready: Completed'
        $text | Should -Not -Match 'System\.Collections'
    }

    It 'shows the steps as a table' {
        $text = $setup.Steps | Out-String -Width 200
        $text | Should -Match 'Ordinal\s+Name\s+Status\s+Attempts\s+Duration\s+Message'
        $text | Should -Match 'PreparationPipeline\s+Completed\s+1'
    }

    It 'goes to Export-Csv and ConvertTo-Json, without a secret' {
        $keys = Get-CmIntegrationRuntimeKey -Name $setup.IntegrationRuntime -StorePath $store -AsPlainText
        $keys.AuthKey1 | Should -Not -BeNullOrEmpty
        $csvPath = Join-Path $TestDrive 'setup.csv'
        $setup | Export-Csv -LiteralPath $csvPath
        $rows = @(Import-Csv -LiteralPath $csvPath)
        $rows.Count | Should -Be 1
        $rows[0].SetupId | Should -Be $setup.SetupId
        $rows[0].Status | Should -Be 'Ready'
        $json = $setup | ConvertTo-Json -Depth 6 -WarningAction Stop
        ($json | ConvertFrom-Json).SetupId | Should -Be $setup.SetupId
        @(($json | ConvertFrom-Json).Steps).Count | Should -Be 9
        foreach ($text in (Get-Content -LiteralPath $csvPath -Raw), $json) {
            foreach ($secret in $keys.AuthKey1, $keys.AuthKey2, $keys.AuthKey1.Substring($keys.AuthKey1.LastIndexOf('@') + 1)) {
                $text.Contains($secret, [StringComparison]::Ordinal) | Should -BeFalse
            }
            $text | Should -Not -Match 'Password\s*='
        }
    }
}

Describe 'Companies piped from Get-CmCompany, and a setup made for other input' {
    BeforeAll {
        $script:sample = New-Sample 'pipe-sample'
        $script:store = New-StorePath 'pipe'
        Register-CmDataFactory -Name cm-pipe-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:piped = @(Get-CmCompany -Source $sample.Source -Company 0010 | Start-CmSetup -Destination $sample.Destination -StorePath $store -Confirm:$false)
    }

    It 'binds Source and Company from the piped company' {
        $piped.Count | Should -Be 1
        "$($piped[0].Status)" | Should -Be 'Ready'
        $piped[0].Companies | Should -Be @('0010')
        $piped[0].Source | Should -Be $sample.Source.DisplayString
        $piped[0].Tables | Should -Be 60
    }

    It 'other input on a Ready setup is SetupExists (ResourceExists), and nothing changed' {
        $before = Get-FolderState $sample.Path
        $err = $null
        try { Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false -ErrorAction Continue } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'SetupExists,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        "$($err.TargetObject)" | Should -Be $sample.Destination.DisplayString
        $err.Exception.Message | Should -Match ([regex]::Escape($piped[0].SetupId))
        $err.ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-FolderState $sample.Path | Should -Be $before
        $still = Get-CmSetup -Destination $sample.Destination
        $still.SetupId | Should -Be $piped[0].SetupId
        $still.Companies | Should -Be @('0010')
        "$($still.Status)" | Should -Be 'Ready'
    }

    It 'with -Force replaces it: a new setup of every company, and the old one''s factory resources are gone' {
        $oldSuffix = Get-Suffix $piped[0].SetupId
        $script:replaced = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false -Force
        "$($replaced.Status)" | Should -Be 'Ready'
        $replaced.SetupId | Should -Not -Be $piped[0].SetupId
        $replaced.Companies | Should -Be @('0010', '0020', '0030')
        $replaced.Changed | Should -BeTrue
        @($replaced.FactoryResources | Where-Object { $_ -like "*_$oldSuffix" }) | Should -BeNullOrEmpty
        Test-PipelineMissing 'cm-pipe-01' "CmReplication_$oldSuffix" $store | Should -BeTrue
        (Get-CmSetup -Destination $sample.Destination).SetupId | Should -Be $replaced.SetupId
    }

    It 'with -Force and the same input runs every step of the complete setup again' {
        $rerun = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false -Force
        $rerun.SetupId | Should -Be $replaced.SetupId
        "$($rerun.Status)" | Should -Be 'Ready'
        $rerun.Changed | Should -BeTrue
        @($rerun.Steps | Where-Object Attempts -ne 2 | ForEach-Object Name) | Should -BeNullOrEmpty
    }
}

Describe '-WhatIf and input errors' {
    BeforeAll {
        $script:sample = New-Sample 'whatif-sample'
    }

    AfterEach {
        if ($null -eq $script:originalStore) { Remove-Item Env:CM_FACTORY_STORE -ErrorAction SilentlyContinue }
        else { $env:CM_FACTORY_STORE = $script:originalStore }
    }

    It 'lists every step, writes nothing, and does not create the store of -StorePath' {
        $store = New-StorePath 'none'
        $before = Get-FolderState $sample.Path
        $run = Invoke-WithHostText { Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -WhatIf }
        $run.Output | Should -BeNullOrEmpty
        for ($i = 1; $i -le 9; $i++) {
            $run.Text | Should -Match ("What if: .*Step $i \($($stepNames[$i - 1])\)") -Because "step $i is listed"
        }
        $run.Text | Should -Match 'none is registered'
        Get-FolderState $sample.Path | Should -Be $before
        $store | Should -Not -Exist
        Split-Path $store -Parent | Should -Not -Exist
        Get-CmSetup -Destination $sample.Destination -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'does not create the store of $env:CM_FACTORY_STORE either' {
        $env:CM_FACTORY_STORE = New-StorePath 'env'
        $before = Get-FolderState $sample.Path
        $run = Invoke-WithHostText { Start-CmSetup $sample.Source $sample.Destination -WhatIf }
        @([regex]::Matches($run.Text, 'What if: ')).Count | Should -Be 9
        $env:CM_FACTORY_STORE | Should -Not -Exist
        Get-FolderState $sample.Path | Should -Be $before
    }

    It 'leaves an existing store and the sample byte-identical, and names the factory it would use' {
        $store = New-StorePath 'registered'
        Register-CmDataFactory -Name cm-whatif-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $storeFolder = Split-Path $store -Parent
        $beforeSample = Get-FolderState $sample.Path
        $beforeStore = Get-FolderState $storeFolder
        $run = Invoke-WithHostText { Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Company '0010', '0020' -WhatIf }
        $run.Output | Should -BeNullOrEmpty
        $run.Text | Should -Match "Step 2 \(Factory\): Use the factory 'cm-whatif-01'"
        $run.Text | Should -Match '2 companies \(0010, 0020\)'
        Get-FolderState $sample.Path | Should -Be $beforeSample
        Get-FolderState $storeFolder | Should -Be $beforeStore
    }

    It 'an unknown company is CompanyNotFound (ObjectNotFound) with the name as target, and nothing is set up' {
        $store = New-StorePath 'unknown'
        Register-CmDataFactory -Name cm-unknown-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $before = Get-FolderState $sample.Path
        $err = $null
        try { Start-CmSetup -Source $sample.Source -Destination $sample.Destination -Company '0010', 'NOPE' -StorePath $store -Confirm:$false } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'CompanyNotFound,CloudMigration.PowerShell.Commands.Setup.StartCmSetupCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'NOPE'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-CmCompany'
        Get-FolderState $sample.Path | Should -Be $before
        { Get-CmSetup -Destination $sample.Destination -ErrorAction Stop } | Should -Throw -ErrorId 'SetupNotFound,*'
    }

    It 'a -Timeout that is not positive is SetupInvalidArgument' {
        { Start-CmSetup $sample.Source $sample.Destination -Timeout ([timespan]::Zero) -StorePath (New-StorePath 'timeout') -WhatIf } |
            Should -Throw -ErrorId 'SetupInvalidArgument,*'
    }
}

Describe 'A failed compatibility check, and setup resumed once it is fixed' {
    BeforeAll {
        $script:sample = New-Sample 'compat-sample'
        $script:store = New-StorePath 'compat'
        $script:bc = Join-Path $sample.Path 'BusinessCentral.db'
        Register-CmDataFactory -Name cm-compat-01 -Local -StorePath $store -Confirm:$false | Out-Null
        Invoke-SampleSql $bc "CREATE TABLE saved_app AS SELECT * FROM ""NAV App Installed App"" WHERE Name = 'Dynamics SL Migration'" | Out-Null
        Invoke-SampleSql $bc "DELETE FROM ""NAV App Installed App"" WHERE Name = 'Dynamics SL Migration'" | Should -Be 1
        $script:err = $null
        $script:out = @(try { Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false -ErrorAction Continue } catch { $script:err = $_ })
        $script:failed = Get-CmSetup -Destination $sample.Destination
    }

    It 'stops with a terminating SetupCompatibilityFailed error that names MigrationExtension' {
        $err | Should -Not -BeNullOrEmpty -Because 'the error is thrown despite -ErrorAction Continue'
        $out | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'SetupCompatibilityFailed,CloudMigration.PowerShell.Commands.Setup.StartCmSetupCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'MigrationExtension'
        "$($err.TargetObject)" | Should -Be $sample.Destination.DisplayString
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-CmSetup'
    }

    It 'Get-CmSetup shows the setup Failed, at the Compatibility step, with the Failed result' {
        "$($failed.Status)" | Should -Be 'Failed'
        $failed.Message | Should -Match 'MigrationExtension'
        $byName = @{}; $failed.Steps | ForEach-Object { $byName["$($_.Name)"] = "$($_.Status)" }
        $byName['ControlSchema'], $byName['Factory'], $byName['IntegrationRuntime'] | Should -Be @('Completed', 'Completed', 'Completed')
        $byName['LinkedServices'], $byName['PreparationPipeline'] | Should -Be @('NotStarted', 'NotStarted')
        $byName['Compatibility'] | Should -Be 'Failed'
        $byName['TablePlan'], $byName['ReplicationPipeline'], $byName['Ready'] | Should -Be @('NotStarted', 'NotStarted', 'NotStarted')
        $result = @($failed.Compatibility | Where-Object { "$($_.Status)" -eq 'Failed' })
        $result.Count | Should -Be 1
        $result[0].Check | Should -Be 'MigrationExtension'
        $result[0].Code | Should -Be 50017
        $result[0].RecommendedAction | Should -Not -BeNullOrEmpty
        ($failed | Format-List | Out-String -Width 300) | Should -Match '6\. Compatibility: Failed.*MigrationExtension'
    }

    It 'leaves no resource of the setup in the factory' {
        $suffix = Get-Suffix $failed.SetupId
        $failed.FactoryResources | Should -BeNullOrEmpty
        $failed.Pipelines | Should -BeNullOrEmpty
        Test-PipelineMissing 'cm-compat-01' "CmPreparation_$suffix" $store | Should -BeTrue
        Test-PipelineMissing 'cm-compat-01' "CmReplication_$suffix" $store | Should -BeTrue
    }

    It 'once fixed, running it again resumes to Ready with the same SetupId' {
        Invoke-SampleSql $bc 'INSERT INTO "NAV App Installed App" SELECT * FROM saved_app' | Should -Be 1
        Invoke-SampleSql $bc 'DROP TABLE saved_app' | Out-Null
        $resumed = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
        "$($resumed.Status)" | Should -Be 'Ready' -Because $resumed.Message
        $resumed.SetupId | Should -Be $failed.SetupId
        $attempts = @{}; $resumed.Steps | ForEach-Object { $attempts["$($_.Name)"] = $_.Attempts }
        $attempts['Factory'] | Should -Be 1
        $attempts['LinkedServices'] | Should -Be 2
        $attempts['Compatibility'] | Should -Be 2
        $attempts['Ready'] | Should -Be 1
        @($resumed.Compatibility | Where-Object { "$($_.Status)" -eq 'Failed' }) | Should -BeNullOrEmpty
        @($resumed.FactoryResources).Count | Should -Be 5
    }
}

Describe 'Remove-CmSetup' {
    BeforeAll {
        $script:sample = New-Sample 'remove-sample'
        $script:store = New-StorePath 'remove'
        Register-CmDataFactory -Name cm-remove-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:setup = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
        $script:suffix = Get-Suffix $setup.SetupId
        $script:cmTables = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'cm!_%' ESCAPE '!'"
    }

    It '-WhatIf lists every action and removes nothing' {
        $before = Get-FolderState $sample.Path
        $run = Invoke-WithHostText { Remove-CmSetup -Destination $sample.Destination -Source $sample.Source -StorePath $store -WhatIf }
        $run.Output | Should -BeNullOrEmpty
        $run.Text | Should -Match "What if: .*Delete the Pipeline 'CmReplication_$suffix' from 'cm-remove-01'"
        $run.Text | Should -Match "What if: .*Delete the LinkedService 'CmSlSource_$suffix'"
        $run.Text | Should -Match "What if: .*Drop the change log \(cm_ChangeLog, cm_ChangeTracking and the triggers on \d+ tables\) from the source database 'SLApp'"
        $run.Text | Should -Match 'What if: .*Drop the cm objects from the source'
        $run.Text | Should -Match 'What if: .*Drop the control schema'
        Get-FolderState $sample.Path | Should -Be $before
        $still = Get-CmSetup -Destination $sample.Destination
        $still.SetupId | Should -Be $setup.SetupId
        "$($still.Status)" | Should -Be 'Ready'
        Test-PipelineMissing 'cm-remove-01' "CmPreparation_$suffix" $store | Should -BeTrue   # gone at Ready; the replication pipeline is checked below
    }

    It '-Confirm:$false removes it and writes nothing; Get-CmSetup then gives a non-terminating SetupNotFound' {
        (Invoke-SampleSql (Join-Path $sample.Path 'SLSystem.db') $cmTables) | Should -BeGreaterThan 0
        (Invoke-SampleSql (Join-Path $sample.Path 'SLApp.db') $cmTables) | Should -BeGreaterThan 0   # the change log setup installed
        $out = @(Remove-CmSetup -Destination $sample.Destination -Source $sample.Source -StorePath $store -Confirm:$false)
        $out.Count | Should -Be 0
        $after = @(& {
                Get-CmSetup -Destination $sample.Destination -ErrorAction SilentlyContinue -ErrorVariable notFound
                'went on'
                $notFound
            })
        $after[0] | Should -Be 'went on'
        $after.Count | Should -Be 2
        $after[1].FullyQualifiedErrorId | Should -Be 'SetupNotFound,CloudMigration.PowerShell.Commands.Setup.GetCmSetupCommand'
        $after[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($after[1].TargetObject)" | Should -Be $sample.Destination.DisplayString
        Test-PipelineMissing 'cm-remove-01' "CmReplication_$suffix" $store | Should -BeTrue
        Invoke-SampleSql (Join-Path $sample.Path 'BusinessCentral.db') $cmTables | Should -Be 0
        Invoke-SampleSql (Join-Path $sample.Path 'SLSystem.db') $cmTables | Should -Be 0
        Invoke-SampleSql (Join-Path $sample.Path 'SLApp.db') $cmTables | Should -Be 0   # its tables, indexes and triggers
    }

    It 'removing again is a terminating SetupNotFound' {
        { Remove-CmSetup -Destination $sample.Destination -StorePath $store -Confirm:$false -ErrorAction Continue } | Should -Throw -ErrorId 'SetupNotFound,*'
    }

    It 'a new setup after the removal, and -PassThru writes what was removed' {
        $again = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
        "$($again.Status)" | Should -Be 'Ready'
        $again.SetupId | Should -Not -Be $setup.SetupId
        $newSuffix = Get-Suffix $again.SetupId
        $removal = @($sample | Remove-CmSetup -StorePath $store -Confirm:$false -PassThru)
        $removal.Count | Should -Be 1
        $removal[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Setup.SetupRemoval'
        $removal[0].SetupId | Should -Be $again.SetupId
        $removal[0].Factory | Should -Be 'cm-remove-01'
        $removal[0].Removed | Should -Contain "Pipeline 'CmReplication_$newSuffix'"
        $removal[0].Removed | Should -Contain "LinkedService 'CmBcDestination_$newSuffix'"
        $removal[0].Removed | Should -Contain "Change log in 'SLApp'"
        $removal[0].Removed | Should -Contain "Source objects in 'SLSystem'"
        $removal[0].Removed[-1] | Should -Be "Control schema of 'BusinessCentral'"
        ($removal[0] | Out-String -Width 200) | Should -Match 'SetupId\s+Factory\s+Removed\s+Message'
        { Get-CmSetup -Destination $sample.Destination -ErrorAction Stop } | Should -Throw -ErrorId 'SetupNotFound,*'
    }
}

Describe 'A SQL Server source whose password must not show' {
    BeforeAll {
        $script:sample = New-Sample 'secret-sample'
        $script:store = New-StorePath 'secret'
        Register-CmDataFactory -Name cm-secret-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:sentinel = 'Sentinel-8f3a-Secret-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        # Nothing listens on port 1: the source cannot be reached, and the password was in the string that tried.
        $source = "Server=tcp:127.0.0.1,1;Database=SLSystem;User ID=sa;Password=$sentinel;Connect Timeout=2"
        $script:err = $null
        $all = @(try { Start-CmSetup -Source $source -Destination $sample.Destination -StorePath $store -Confirm:$false -Verbose 4>&1 } catch { $script:err = $_ })
        $script:verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $script:objects = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
    }

    It 'fails with a clear error record' {
        $err | Should -Not -BeNullOrEmpty
        $objects | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'ServerUnreachable,CloudMigration.PowerShell.Commands.Setup.StartCmSetupCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'cannot be reached'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        "$($err.TargetObject)" | Should -Match 'Password=\*+'
        $verbose.Count | Should -BeGreaterThan 0
    }

    It 'no text of the error, the exception chain or the verbose stream holds the password' {
        $text = (Get-ErrorText $err) + "`n" + (($verbose | ForEach-Object Message) -join "`n")
        $text | Should -Match '127\.0\.0\.1'   # the texts are really about this source
        $text | Should -Not -Match ([regex]::Escape($sentinel))
        $text | Should -Not -Match 'Sentinel-8f3a'
    }

    It 'the telemetry file, the store and the sample hold no password, and nothing was set up' {
        $env:CM_TELEMETRY_PATH | Should -Not -BeNullOrEmpty -Because 'the test runner points telemetry at out/test-results'
        if (Test-Path -LiteralPath $env:CM_TELEMETRY_PATH) {
            (Get-Content -LiteralPath $env:CM_TELEMETRY_PATH -Raw) | Should -Not -Match 'Sentinel-8f3a'
        }
        Find-TextInFiles (Split-Path $store -Parent) $sentinel | Should -BeNullOrEmpty
        Find-TextInFiles $sample.Path $sentinel | Should -BeNullOrEmpty
        { Get-CmSetup -Destination $sample.Destination -ErrorAction Stop } | Should -Throw -ErrorId 'SetupNotFound,*'
    }
}
