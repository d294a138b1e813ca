#requires -Version 7.4
# Publish-CmPipeline, Invoke-CmPipeline, Get-CmPipelineRun and Get-CmActivityRun, driven the way a user drives
# them on the sample: a local factory, an IR with a node in this process, a table plan for company 0010
# published into the control table, the preparation and the replication pipeline run and waited for, the
# activity runs read back; -WhatIf, unknown names, a factory without a node, and a source password that never
# shows. Every Describe has its own store under $TestDrive (-StorePath). The module's types live in their own
# load context, so objects are checked by PSObject.TypeNames, not -BeOfType.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force

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

    # Destination table -> rowsCopied of a run's Copy activity runs.
    function Get-RowsCopied($Activities) {
        $rows = @{}
        foreach ($copy in @($Activities | Where-Object ActivityType -eq 'Copy')) {
            $table = ($copy.Input.ToJsonString() | ConvertFrom-Json).outputs[0].parameters.TableName
            $rows[$table] = ($copy.Output.ToJsonString() | ConvertFrom-Json).rowsCopied
        }
        $rows
    }

    # Every text a user can get out of an error record.
    function Get-ErrorText($ErrorRecord) {
        @(
            $ErrorRecord | Out-String -Width 400
            $ErrorRecord | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception.ToString()
            $ErrorRecord.ErrorDetails.Message
            $ErrorRecord.ErrorDetails.RecommendedAction
            "$($ErrorRecord.TargetObject)"
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
}

Describe 'The full flow: publish the plan for 0010, prepare, replicate, read the activity runs' {
    BeforeAll {
        $script:sample = New-Sample 'flow-sample'
        $script:store = New-StorePath 'flow'
        $script:factory = Register-CmDataFactory -Name cm-flow-01 -Local -StorePath $store -Confirm:$false
        $script:ir = New-CmIntegrationRuntime -Name cm-ir-flow -StorePath $store -Confirm:$false
        $script:node = Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 -NodeName flow-node -StorePath $store -Confirm:$false
        $script:plan = @(New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010)
        $script:published = @($plan | Publish-CmPipeline -Factory $ir.Factory -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false)
        $script:prepared = Invoke-CmPipeline -Factory $ir.Factory -Name CmPreparation -Wait -StorePath $store -Confirm:$false
        $script:first = Invoke-CmPipeline -Factory $ir.Factory -Name CmReplication -Parameter @{ RequestId = 't-1' } -Wait -StorePath $store -Confirm:$false
        $script:firstActivities = @(Get-CmActivityRun -Factory $ir.Factory -RunId $first.RunId -StorePath $store)
    }

    AfterAll {
        Unregister-CmDataFactory -Name cm-flow-01 -Force -Confirm:$false -StorePath $store -ErrorAction SilentlyContinue
    }

    It 'plans 60 tables for 0010 and the IR is on the one factory' {
        $plan.Count | Should -Be 60
        $ir.Factory | Should -Be 'cm-flow-01'
    }

    It 'publishes the six resources and a ControlTable line with 60 rows' {
        @($published | ForEach-Object { "$($_.Kind) $($_.Name)" }) | Should -Be @(
            'LinkedService CmSlSource', 'LinkedService CmBcDestination', 'Dataset CmSlTables', 'Dataset CmBcTables',
            'Pipeline CmPreparation', 'Pipeline CmReplication', 'ControlTable BusinessCentral')
        $published[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.PublishedResource'
        $published.Factory | Select-Object -Unique | Should -Be 'cm-flow-01'
        $published[-1].Description | Should -BeLike '60 of 60 plan entries*'
    }

    It 'runs the preparation pipeline to Succeeded on the node' {
        $prepared.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.PipelineRunInfo'
        $prepared.PipelineName | Should -Be 'CmPreparation'
        $prepared.Status.ToString() | Should -Be 'Succeeded'
        $prepared.Node | Should -Be 'flow-node'
    }

    It 'runs the replication pipeline to Succeeded with the RequestId parameter' {
        $first.Status.ToString() | Should -Be 'Succeeded'
        $first.Parameters['RequestId'].GetValue[string]() | Should -Be 't-1'
    }

    It 'records 60 Copy activity runs, all Succeeded, one per iteration' {
        $copies = @($firstActivities | Where-Object ActivityType -eq 'Copy')
        $copies.Count | Should -Be 60
        @($copies | Where-Object { $_.Status.ToString() -ne 'Succeeded' }).Count | Should -Be 0
        @($copies.Iteration | Sort-Object -Unique).Count | Should -Be 60
        $copies.RunId | Select-Object -Unique | Should -Be $first.RunId
    }

    It 'copies exactly the source rows of 0010 into each staging table' {
        $rows = Get-RowsCopied $firstActivities
        $rows.Count | Should -Be 60
        foreach ($entry in $plan) {
            $rows.ContainsKey($entry.DestinationTable) | Should -BeTrue -Because $entry.DestinationTable
            $rows[$entry.DestinationTable] | Should -Be $entry.EstimatedRows -Because "$($entry.SourceTable) has $($entry.EstimatedRows) rows of 0010"
        }
        ($rows.Values | Measure-Object -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'leaves the same counts when the replication runs again (no duplicates)' {
        $second = Invoke-CmPipeline -Factory $ir.Factory -Name CmReplication -Parameter @{ RequestId = 't-2' } -Wait -StorePath $store -Confirm:$false
        $second.Status.ToString() | Should -Be 'Succeeded'
        $second.RunId | Should -Not -Be $first.RunId
        $before = Get-RowsCopied $firstActivities
        $after = Get-RowsCopied @(Get-CmActivityRun -Factory $ir.Factory -RunId $second.RunId -StorePath $store)
        $after.Count | Should -Be $before.Count
        foreach ($table in $before.Keys) {
            $after[$table] | Should -Be $before[$table] -Because $table
        }
        # The pre-copy script empties each staging table first, so rowsRead = rowsCopied = the source rows again.
        @($plan | Where-Object { $after[$_.DestinationTable] -ne $_.EstimatedRows }).Count | Should -Be 0
    }

    It 'lists the runs newest first and gets one by -RunId' {
        $runs = @(Get-CmPipelineRun -Factory $ir.Factory -StorePath $store)
        $runs.Count | Should -Be 3
        $runs[-1].RunId | Should -Be $prepared.RunId
        $runs[1].RunId | Should -Be $first.RunId
        $runs.PipelineName | Should -Be @('CmReplication', 'CmReplication', 'CmPreparation')
        @(Get-CmPipelineRun -Factory $ir.Factory -Name CmPreparation -StorePath $store).RunId | Should -Be @($prepared.RunId)

        $one = @(Get-CmPipelineRun -Factory $ir.Factory -RunId $first.RunId -StorePath $store)
        $one.Count | Should -Be 1
        $one[0].RunId | Should -Be $first.RunId
        $one[0].Status.ToString() | Should -Be 'Succeeded'
    }

    It 'binds Factory and RunId by property name: $run | Get-CmActivityRun' {
        $piped = @($first | Get-CmActivityRun -StorePath $store)
        $piped.Count | Should -Be $firstActivities.Count
        $piped.RunId | Select-Object -Unique | Should -Be $first.RunId
        $piped[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.ActivityRunInfo'
        @($prepared | Get-CmPipelineRun -StorePath $store).RunId | Should -Be $prepared.RunId
    }

    It 'an unknown pipeline is a ResourceNotFound error and starts no run' {
        $count = @(Get-CmPipelineRun -Factory $ir.Factory -StorePath $store).Count
        { Invoke-CmPipeline -Factory $ir.Factory -Name NoSuchPipeline -StorePath $store -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceNotFound,CloudMigration.PowerShell.Commands.Factories.InvokeCmPipelineCommand'
        @(Get-CmPipelineRun -Factory $ir.Factory -StorePath $store).Count | Should -Be $count
    }
}

Describe '-WhatIf on Publish-CmPipeline and Invoke-CmPipeline' {
    BeforeAll {
        $script:sample = New-Sample 'whatif-sample'
        $script:store = New-StorePath 'whatif'
        Register-CmDataFactory -Name cm-whatif-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:plan = @(New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010)
    }

    It 'Publish-CmPipeline -WhatIf publishes nothing and leaves the destination untouched' {
        $before = Get-FolderState $sample.Path
        $out = @($plan | Publish-CmPipeline -Factory cm-whatif-01 -Source $sample.Source -Destination $sample.Destination -StorePath $store -WhatIf)
        $out.Count | Should -Be 0
        Get-FolderState $sample.Path | Should -Be $before
        # No pipeline in the factory: running it is ResourceNotFound.
        { Invoke-CmPipeline -Factory cm-whatif-01 -Name CmPreparation -StorePath $store -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceNotFound*'
    }

    It 'Invoke-CmPipeline -WhatIf starts no run' {
        $plan | Publish-CmPipeline -Factory cm-whatif-01 -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false | Out-Null
        $out = @(Invoke-CmPipeline -Factory cm-whatif-01 -Name CmPreparation -StorePath $store -WhatIf)
        $out.Count | Should -Be 0
        @(Get-CmPipelineRun -Factory cm-whatif-01 -StorePath $store).Count | Should -Be 0
    }
}

Describe 'A factory whose integration runtime has no node' {
    BeforeAll {
        $script:sample = New-Sample 'nonode-sample'
        $script:store = New-StorePath 'nonode'
        Register-CmDataFactory -Name cm-nonode-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:ir = New-CmIntegrationRuntime -Name cm-ir-nonode -StorePath $store -Confirm:$false
        New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010 |
            Publish-CmPipeline -Factory cm-nonode-01 -Source $sample.Source -Destination $sample.Destination -IntegrationRuntime cm-ir-nonode -StorePath $store -Confirm:$false | Out-Null
    }

    It 'Invoke-CmPipeline without -Wait returns the run Queued (and does not hang)' {
        $run = Invoke-CmPipeline -Factory cm-nonode-01 -Name CmPreparation -StorePath $store -Confirm:$false -ErrorVariable invokeErrors
        $run.Status.ToString() | Should -Be 'Queued'
        $run.Node | Should -BeNullOrEmpty
        $invokeErrors.Count | Should -Be 0
        $again = Get-CmPipelineRun -Factory cm-nonode-01 -RunId $run.RunId -StorePath $store
        $again.Status.ToString() | Should -Be 'Queued'
    }
}

Describe 'Publish-CmPipeline never shows the source password' {
    BeforeAll {
        $script:sample = New-Sample 'secret-sample'
        $script:store = New-StorePath 'secret'
        $script:sentinel = 'Sentinel-Pw-' + [guid]::NewGuid().ToString('N')
        Register-CmDataFactory -Name cm-secret-01 -Local -StorePath $store -Confirm:$false | Out-Null
        New-CmIntegrationRuntime -Name cm-ir-secret -StorePath $store -Confirm:$false | Out-Null
        $script:credential = [pscredential]::new('migrator', (ConvertTo-SecureString $sentinel -AsPlainText -Force))
        # Nothing listens there: publishing does not connect to the source.
        $script:source = 'Server=sl-sentinel.invalid;Database=SLSystem;Encrypt=false'
        $script:out = @(Publish-CmPipeline -Factory cm-secret-01 -Source $source -SourceCredential $credential -Destination $sample.Destination `
                -IntegrationRuntime cm-ir-secret -StorePath $store -Confirm:$false -Verbose -ErrorVariable publishErrors 4>&1)
        $script:publishErrors = $publishErrors
    }

    It 'publishes the six resources without connecting to the source' {
        $publishErrors.Count | Should -Be 0
        $resources = @($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'CloudMigration.Engine.Factories.PublishedResource' })
        $resources.Count | Should -Be 6
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
    }

    It 'the sentinel is not in the output, the verbose stream or the store files' {
        ($out | Format-List * -Force | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($sentinel))
        ($out | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match ([regex]::Escape($sentinel))
        Find-TextInFiles (Split-Path $store -Parent) $sentinel | Should -BeNullOrEmpty
        # The store does hold the linked service (so the check above looked at the right files).
        Find-TextInFiles (Split-Path $store -Parent) 'sl-sentinel.invalid' | Should -Not -BeNullOrEmpty
    }

    It 'the sentinel is not in the errors when publishing fails' {
        # The destination does not exist: an error, from a call that also carries the password.
        $missing = 'sqlite:' + (Join-Path $TestDrive 'no-such-folder/BusinessCentral.db')
        $plan = @(New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010 | Select-Object -First 1)
        $err = $null
        try {
            $plan | Publish-CmPipeline -Factory cm-secret-01 -Source $source -SourceCredential $credential -Destination $missing `
                -IntegrationRuntime cm-ir-secret -StorePath $store -Confirm:$false -ErrorAction Stop | Out-Null
        } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        Get-ErrorText $err | Should -Not -Match ([regex]::Escape($sentinel))
        Find-TextInFiles (Split-Path $store -Parent) $sentinel | Should -BeNullOrEmpty
    }
}
