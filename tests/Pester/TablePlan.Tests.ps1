#requires -Version 7.4
# New-CmTablePlan on the embedded sample, driven the way a user drives it: the default plan, choosing
# companies, custom mappings from a CSV file, injection-shaped names, the Export-Csv/Import-Csv review
# round trip, plans that went stale, formatting and help.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:dir = Join-Path $TestDrive 'sample'
    $script:sample = New-CmSampleEnvironment -Path $dir -RowsPerTable 2 -Confirm:$false
    $script:appId = '237981b4-9e3c-437c-9b92-988aae978e8f'

    function Get-FolderState([string] $Folder) {
        # Every file, hidden ones (-wal, -shm, -journal) included, with its SHA256.
        Get-ChildItem $Folder -File -Force | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
    }

    function Copy-Sample([string] $Name) {
        $copy = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $copy | Out-Null
        Copy-Item (Join-Path $dir '*.db') $copy
        [pscustomobject]@{
            Path        = $copy
            Source      = 'sqlite:' + (Join-Path $copy 'SLSystem.db')
            Destination = 'sqlite:' + (Join-Path $copy 'BusinessCentral.db')
        }
    }

    # The matching entries, unwrapped: one entry comes back as itself (so .KeyColumns is its list).
    function Get-Entry($Plan, [string] $Company, [string] $Table) {
        $Plan | Where-Object { $_.Company -eq $Company -and $_.SourceTable -eq $Table }
    }

    function Get-EntryKey {
        process { '{0}|{1}|{2}' -f $_.Company, $_.SourceTable, $_.DestinationTable }
    }
}

Describe 'New-CmTablePlan: the default plan of the sample' {
    BeforeAll {
        $script:plan = @(New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -ErrorVariable planErrors)
        $script:planErrors = $planErrors
    }

    It 'writes 180 TablePlanEntry objects and no error' {
        $plan.Count | Should -Be 180
        @($plan | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique) | Should -Be 'CloudMigration.Engine.Planning.TablePlanEntry'
        $planErrors.Count | Should -Be 0
    }

    It 'plans 60 tables for each active company, and not the inactive 9990' {
        $groups = $plan | Group-Object Company | Sort-Object Name
        $groups.Name | Should -Be @('0010', '0020', '0030')
        ($groups | ForEach-Object Count) | Should -Be @(60, 60, 60)
        $plan.Company | Should -Not -Contain '9990'
        # The same 60 tables for every company, each once.
        foreach ($group in $groups) {
            @($group.Group.SourceTable | Select-Object -Unique).Count | Should -Be 60
        }
    }

    It 'copies every table in full on SQLite, and says why' {
        @($plan | Where-Object { "$($_.CopyMethod)" -ne 'Full' }).Count | Should -Be 0
        $plan | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
        ($plan | Select-Object -First 1).Reason | Should -Match 'change log'
        @($plan | Where-Object { "$($_.Status)" -ne 'Ready' }).Count | Should -Be 0
    }

    It 'names the destination by its real SQL name' {
        (Get-Entry $plan '0010' 'Account').DestinationTable | Should -BeExactly "0010`$SL Account`$$appId"
        (Get-Entry $plan '0030' 'Account').DestinationTable | Should -BeExactly "0030`$SL Account`$$appId"
        $plan | ForEach-Object { $_.DestinationTable | Should -BeLike "$($_.Company)`$SL *`$$appId" }
        @($plan.DestinationTable | Select-Object -Unique).Count | Should -Be 180
    }

    It 'reads each company from its own application database' {
        @($plan | Where-Object Company -eq '0030' | ForEach-Object SourceDatabase | Select-Object -Unique) | Should -Be 'SLApp2'
        @($plan | Where-Object Company -in '0010', '0020' | ForEach-Object SourceDatabase | Select-Object -Unique) | Should -Be 'SLApp'
    }

    It 'keys Account by Acct, and company tables by a key that starts with CpnyID' {
        $account = Get-Entry $plan '0010' 'Account'
        $account.KeyColumns.Count | Should -Be 1
        $account.KeyColumns[0] | Should -BeExactly 'Acct'
        $account.KeyColumns.ToString() | Should -BeExactly 'Acct'
        (Get-Entry $plan '0010' 'AcctHist').KeyColumns.ToString() | Should -BeExactly 'CpnyID, Acct, Sub, LedgerID, FiscYr'
    }

    It 'drops the SL tstamp column, which the source tables do have' {
        # The SQLite file holds its schema as text: the source tables declare tstamp.
        [IO.File]::ReadAllText((Join-Path $dir 'SLApp.db')) | Should -Match 'tstamp'
        $plan | ForEach-Object { $_.Columns.Count | Should -BeGreaterThan 0 }
        @($plan | ForEach-Object { $_.Columns.Source; $_.Columns.Destination } | Where-Object { $_ -eq 'tstamp' }).Count | Should -Be 0
        @($plan | Where-Object { $_.Columns.ToString() -match 'tstamp' }).Count | Should -Be 0
    }

    It 'maps the columns by name and sums up the type conversions' {
        $account = Get-Entry $plan '0010' 'Account'
        $acct = $account.Columns | Where-Object Source -eq 'Acct'
        $acct.Destination | Should -Be 'Acct'
        $acct.SourceType | Should -Be 'char(10)'
        $acct.DestinationType | Should -Be 'nvarchar(10)'
        $account.Conversions.ToString() | Should -Match 'char->nvarchar x\d+'
    }

    It 'estimates rows and size for the company tables' {
        $companyTables = @($plan | Where-Object FilteredByCompany)
        $companyTables.Count | Should -BeGreaterThan 0
        $companyTables | ForEach-Object {
            $_.EstimatedRows | Should -BeGreaterThan 0 -Because "$_ has rows in the sample"
            $_.EstimatedSizeMB | Should -BeGreaterThan 0
        }
        # -RowsPerTable 2: two rows of each company in each company table.
        @($companyTables.EstimatedRows | Select-Object -Unique) | Should -Be 2
    }

    It 'takes -Source and -Destination from the sample by property name, and by position' {
        $piped = @($sample | New-CmTablePlan)
        ($piped | Get-EntryKey) | Should -Be ($plan | Get-EntryKey)
        $positional = @(New-CmTablePlan $sample.Source $sample.Destination)
        $positional.Count | Should -Be 180
    }

    It 'matches the output of help example 1' {
        $summary = $plan | Group-Object Company, CopyMethod -NoElement
        $summary.Name | Should -Be @('0010, Full', '0020, Full', '0030, Full')
        ($summary | ForEach-Object Count) | Should -Be @(60, 60, 60)
    }

    It 'reading the plan changes nothing in the sample' {
        $before = Get-FolderState $dir
        New-CmTablePlan -Source $sample.Source -Destination $sample.Destination | Out-Null
        Get-FolderState $dir | Should -Be $before
    }
}

Describe 'New-CmTablePlan: choosing the companies' {
    It 'plans the companies piped from Get-CmCompany' {
        $plan = @(Get-CmCompany -Source $sample.Source -Name 0010 | New-CmTablePlan -Destination $sample.Destination)
        $plan.Count | Should -Be 60
        @($plan.Company | Select-Object -Unique) | Should -Be '0010'
    }

    It 'collects several piped companies and plans them together' {
        $plan = @(Get-CmCompany -Source $sample.Source -Name '0010', '0030' | New-CmTablePlan -Destination $sample.Destination)
        $plan.Count | Should -Be 120
        @($plan.Company | Select-Object -Unique) | Should -Be @('0010', '0030')
    }

    It 'plans the inactive company when it is asked for by its exact id' {
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Company 9990 -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $plan.Count | Should -Be 60
        @($plan.Company | Select-Object -Unique) | Should -Be '9990'
        (Get-Entry $plan '9990' 'Account').DestinationTable | Should -BeExactly "9990`$SL Account`$$appId"
        # 9990 is not a Business Central company yet: planned from the extension's schema, setup creates it.
        (Get-Entry $plan '9990' 'Account').Notes | Should -Match 'does not exist in the destination yet'
    }

    It 'an unknown exact company is a non-terminating CompanyNotFound error' {
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Company 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $plan.Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'NOPE'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'the other companies are still planned next to an unknown one' {
        # Quoted: in an array, an unquoted 0010 is the number 10 to PowerShell.
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010', 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $plan.Count | Should -Be 60
        @($plan.Company | Select-Object -Unique) | Should -Be '0010'
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be 'NOPE'
    }

    It 'takes wildcards on the id and the name; a wildcard that matches nothing is no error' {
        @(New-CmTablePlan $sample.Source $sample.Destination -Company '00[12]0' | ForEach-Object Company | Select-Object -Unique) | Should -Be @('0010', '0020')
        @(New-CmTablePlan $sample.Source $sample.Destination -Company '*Fabrikam*' | ForEach-Object Company | Select-Object -Unique) | Should -Be '0020'
        $none = @(New-CmTablePlan $sample.Source $sample.Destination -Company 'nope*' -ErrorVariable errors)
        $none.Count | Should -Be 0
        $errors.Count | Should -Be 0
    }

    It 'plans a company once, however often it is selected' {
        @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010', '0010', '00*').Count | Should -Be 180
    }

    It '-Company and -TablePlan belong to different parameter sets' {
        { New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -TablePlan ([pscustomobject]@{ Company = '0010' }) } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }
}

Describe 'New-CmTablePlan -Mapping' {
    BeforeAll {
        function New-MappingCsv([string] $Name, [string[]] $Lines) {
            $path = Join-Path $TestDrive $Name
            Set-Content -Path $path -Value $Lines -Encoding utf8
            Import-Csv $path
        }
    }

    It 'a mapping from a CSV file replaces the default of its source table' {
        $mappings = New-MappingCsv 'override.csv' 'SourceTable,DestinationTable', 'GLTran,SL GLTran'
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $plan.Count | Should -Be 180
        $glTran = @($plan | Where-Object SourceTable -eq 'GLTran')
        $glTran.Count | Should -Be 3
        $glTran.Company | Should -Be @('0010', '0020', '0030')
        $glTran | ForEach-Object {
            $_.CustomMapping | Should -BeTrue
            $_.DestinationTable | Should -BeExactly "$($_.Company)`$SL GLTran`$$appId"
            # 'SL GLTran' is not a table of the destination.
            "$($_.Status)" | Should -Be 'Error'
            $_.Code | Should -Be 50011
            $_.Notes | Should -Match 'does not exist'
        }
        # No default GLTran entry is left, and nothing else is custom.
        @($plan | Where-Object { $_.SourceTable -eq 'GLTran' -and -not $_.CustomMapping }).Count | Should -Be 0
        @($plan | Where-Object CustomMapping).Count | Should -Be 3
    }

    It 'a custom table (help example 3) is planned for every company next to the 60 default tables' {
        $mappings = New-MappingCsv 'custom.csv' 'SourceTable,DestinationTable,PerCompany', 'xContosoRebate,SL Contoso Rebate,True'
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings)
        $plan.Count | Should -Be 183
        $custom = @($plan | Where-Object CustomMapping)
        $custom.Company | Should -Be @('0010', '0020', '0030')
        $custom.SourceTable | Select-Object -Unique | Should -Be 'xContosoRebate'
        # The sample has no such source table: skipped with a warning (50004).
        $custom | ForEach-Object { "$($_.CopyMethod)/$($_.Status)/$($_.Code)" } | Select-Object -Unique | Should -Be 'Skip/Warning/50004'
    }

    It 'PerCompany False maps into one table shared by the companies' {
        $mappings = New-MappingCsv 'shared.csv' 'SourceTable,DestinationTable,PerCompany', 'xShared,SL Shared,False'
        $custom = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -Mapping $mappings | Where-Object CustomMapping)
        $custom.Count | Should -Be 1
        $custom[0].DestinationTable | Should -BeExactly "SL Shared`$$appId"
    }

    It 'two mappings into one destination stop the cmdlet with TableMappingDuplicateDestination, and nothing is written' {
        $mappings = New-MappingCsv 'duplicate.csv' 'SourceTable,DestinationTable', 'xFirst,SL Rebate', 'xSecond,SL Rebate'
        $written = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try {
            New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings | ForEach-Object { $written.Add($_) }
        } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'TableMappingDuplicateDestination*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match 'xFirst'
        $caught.Exception.Message | Should -Match 'xSecond'
        $written.Count | Should -Be 0
    }

    It 'the error is terminating even with -ErrorAction SilentlyContinue' {
        $mappings = New-MappingCsv 'duplicate2.csv' 'SourceTable,DestinationTable', 'xFirst,SL Rebate', 'xSecond,SL Rebate'
        { New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'TableMappingDuplicateDestination*'
    }

    It 'a row without DestinationTable is TableMappingInvalid' {
        $mappings = New-MappingCsv 'nodestination.csv' 'SourceTable,DestinationTable', 'xRebate,'
        { New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings } | Should -Throw -ErrorId 'TableMappingInvalid*'
        try { New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match 'DestinationTable'
    }

    It 'PerCompany "maybe" is TableMappingInvalid' {
        $mappings = New-MappingCsv 'maybe.csv' 'SourceTable,DestinationTable,PerCompany', 'xRebate,SL Rebate,maybe'
        { New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings } | Should -Throw -ErrorId 'TableMappingInvalid*'
    }

    It 'an AppId that is not a GUID is TableMappingInvalid' {
        $mappings = New-MappingCsv 'appid.csv' 'SourceTable,DestinationTable,AppId', 'xRebate,SL Rebate,not-a-guid'
        { New-CmTablePlan $sample.Source $sample.Destination -Mapping $mappings } | Should -Throw -ErrorId 'TableMappingInvalid*'
    }

    # A hashtable, the usual PowerShell way to write a small object inline, is read by key.
    It 'takes a hashtable as a mapping' {
        $plan = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -Mapping @{ SourceTable = 'GLTran'; DestinationTable = 'SL GLTran' })
        $custom = @($plan | Where-Object CustomMapping)
        $custom.Count | Should -Be 1
        $custom[0].DestinationTable | Should -BeExactly "0010`$SL GLTran`$$appId"
    }
}

Describe 'New-CmTablePlan with injection-shaped names' {
    BeforeAll {
        $script:injDir = Join-Path $TestDrive 'injection'
        $script:injSample = New-CmSampleEnvironment -Path $injDir -RowsPerTable 2 -Confirm:$false
        $script:names = 'x];DROP TABLE y--', "x'; DROP TABLE y; --"
    }

    It 'plans them as missing source tables and changes no file' {
        $before = Get-FolderState $injDir
        $mappings = @(
            [pscustomobject]@{ SourceTable = $names[0]; DestinationTable = 'SL Inj1' }
            [pscustomobject]@{ SourceTable = $names[1]; DestinationTable = "SL Inj2'; DROP TABLE y; --" }
        )
        $plan = @(New-CmTablePlan $injSample.Source $injSample.Destination -Mapping $mappings -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $plan.Count | Should -Be 186
        $custom = @($plan | Where-Object CustomMapping)
        $custom.Count | Should -Be 6
        @($custom.SourceTable | Select-Object -Unique) | Should -Be $names
        $custom | ForEach-Object {
            "$($_.CopyMethod)" | Should -Be 'Skip'
            "$($_.Status)" | Should -Be 'Warning'
            $_.Code | Should -Be 50004
        }
        (Get-Entry $plan '0010' $names[1]).DestinationTable | Should -BeExactly "0010`$SL Inj2'; DROP TABLE y; --`$$appId"
        # The default tables are untouched.
        @($plan | Where-Object { -not $_.CustomMapping -and "$($_.CopyMethod)" -eq 'Full' }).Count | Should -Be 180
        Get-FolderState $injDir | Should -Be $before
    }

    It 'a reviewed plan with them is re-validated without changing any file' {
        $before = Get-FolderState $injDir
        $csv = Join-Path $TestDrive 'injection-plan.csv'
        $mappings = $names | ForEach-Object -Begin { $i = 0 } -Process { [pscustomobject]@{ SourceTable = $_; DestinationTable = "SL Inj$((++$i))" } }
        New-CmTablePlan $injSample.Source $injSample.Destination -Company '0010' -Mapping $mappings | Export-Csv $csv
        $reviewed = @(New-CmTablePlan $injSample.Source $injSample.Destination -TablePlan (Import-Csv $csv) -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $reviewed.Count | Should -Be 62
        @($reviewed | Where-Object CustomMapping | ForEach-Object SourceTable) | Should -Be $names
        Get-FolderState $injDir | Should -Be $before
    }
}

Describe 'New-CmTablePlan -TablePlan: reviewing an exported plan' {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'plan.csv'
        $script:original = @(New-CmTablePlan $sample.Source $sample.Destination)
        $original | Export-Csv $csv
        $script:csvText = Get-Content $csv

        # A fresh copy of the exported rows for each test to edit.
        function Read-Plan { @(Import-Csv $csv) }
        function Find-Row($Rows, [string] $Company, [string] $Table) {
            @($Rows | Where-Object { $_.Company -eq $Company -and $_.SourceTable -eq $Table })[0]
        }
    }

    It 'exports a header with the columns a reviewer needs' {
        $header = ($csvText[0] -replace '"', '') -split ','
        foreach ($column in 'Company', 'SourceTable', 'DestinationTable', 'CopyMethod', 'KeyColumns', 'Columns') {
            $header | Should -Contain $column
        }
        $csvText.Count | Should -Be 181
    }

    It 'exports lists as readable text, not type names' {
        $account = Find-Row (Read-Plan) '0010' 'Account'
        $account.KeyColumns | Should -BeExactly 'Acct'
        $account.Columns | Should -Match '^Acct, AcctType, '
        $account.Conversions | Should -Match 'char->nvarchar x\d+'
        $account.CopyMethod | Should -BeExactly 'Full'
        (Find-Row (Read-Plan) '0010' 'AcctHist').KeyColumns | Should -BeExactly 'CpnyID, Acct, Sub, LedgerID, FiscYr'
        ($csvText -join "`n") | Should -Not -Match 'System\.String\[\]|System\.Collections|CloudMigration\.Engine'
    }

    It 'an unchanged plan comes back entry for entry, with no error' {
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan (Import-Csv $csv) -ErrorVariable errors)
        $errors.Count | Should -Be 0
        ($reviewed | Get-EntryKey) | Should -Be ($original | Get-EntryKey)
        @($reviewed | Where-Object { "$($_.CopyMethod)" -ne 'Full' }).Count | Should -Be 0
    }

    It 'rows set to Skip (in any case) come back skipped; the others are as planned' {
        $rows = Read-Plan
        (Find-Row $rows '0010' 'Account').CopyMethod = 'Skip'
        (Find-Row $rows '0030' 'GLTran').CopyMethod = 'skip'
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $rows -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $reviewed.Count | Should -Be 180
        $skipped = @($reviewed | Where-Object { "$($_.CopyMethod)" -eq 'Skip' })
        ($skipped | ForEach-Object { "$($_.Company)/$($_.SourceTable)" }) | Should -Be @('0010/Account', '0030/GLTran')
        $skipped | ForEach-Object { $_.Reason | Should -Match 'reviewed plan' }
        @($reviewed | Where-Object { "$($_.CopyMethod)" -eq 'Full' }).Count | Should -Be 178
    }

    It 'a row raised to Delta (only Full is possible on SQLite) is a non-terminating TablePlanStale error and is left out' {
        $rows = Read-Plan
        (Find-Row $rows '0010' 'Batch').CopyMethod = 'Delta'
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $rows -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 179
        Get-Entry $reviewed '0010' 'Batch' | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanStale,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be '0010/Batch'
        $errors[0].Exception.Message | Should -Match 'Delta'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'a row with CopyMethod "Sometimes" is a TablePlanInvalid error and is left out' {
        $rows = Read-Plan
        (Find-Row $rows '0020' 'GLSetup').CopyMethod = 'Sometimes'
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $rows -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 179
        Get-Entry $reviewed '0020' 'GLSetup' | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanInvalid,*'
        $errors[0].Exception.Message | Should -Match 'Sometimes'
    }

    It 'a row that appears twice, or lacks its company, is TablePlanInvalid' {
        $rows = Read-Plan | Where-Object Company -eq '0010'
        $twice = @($rows) + (Find-Row $rows '0010' 'Account')
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $twice -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 60
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanInvalid,*'

        $rows = @(Read-Plan | Where-Object Company -eq '0010')
        $rows[0].Company = ''
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $rows -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 59
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanInvalid,*'
    }

    It 'a company id that lost its leading zeros (a spreadsheet did it) is stale, not silently another company' {
        $rows = @(Read-Plan | Where-Object Company -eq '0010')
        $rows[0].Company = '10'
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $rows -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 59
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanStale,*'
    }

    It 'takes the plan entries themselves, and a JSON round trip, as well as CSV rows' {
        $entries = @($original | Where-Object Company -eq '0020')
        $fromEntries = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $entries -ErrorVariable errors1)
        $errors1.Count | Should -Be 0
        ($fromEntries | Get-EntryKey) | Should -Be ($entries | Get-EntryKey)

        $json = $entries | ConvertTo-Json -Depth 3 -EnumsAsStrings | ConvertFrom-Json
        $fromJson = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan $json -ErrorVariable errors2)
        $errors2.Count | Should -Be 0
        $fromJson.Count | Should -Be 60
    }

    It 'a reviewed plan with a custom mapping keeps the mapping' {
        $customCsv = Join-Path $TestDrive 'custom-plan.csv'
        New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -Mapping ([pscustomobject]@{ SourceTable = 'GLTran'; DestinationTable = 'SL GLTran' }) |
            Export-Csv $customCsv
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan (Import-Csv $customCsv) -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $reviewed.Count | Should -Be 60
        $glTran = @(Get-Entry $reviewed '0010' 'GLTran')
        $glTran.Count | Should -Be 1
        $glTran[0].CustomMapping | Should -BeTrue
        $glTran[0].DestinationTable | Should -BeExactly "0010`$SL GLTran`$$appId"
    }

    # Plans built per company and put together: each company is re-planned with the mappings its own rows show.
    It 'reviews plans of several companies put together, one of them with a custom mapping' {
        $combinedCsv = Join-Path $TestDrive 'combined-plan.csv'
        $custom = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -Mapping ([pscustomobject]@{ SourceTable = 'GLTran'; DestinationTable = 'SL GLTran' }))
        $default = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0020')
        $custom + $default | Export-Csv $combinedCsv
        $reviewed = @(New-CmTablePlan $sample.Source $sample.Destination -TablePlan (Import-Csv $combinedCsv) -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $reviewed.Count | Should -Be 120
        (Get-Entry $reviewed '0020' 'GLTran').DestinationTable | Should -BeExactly "0020`$SL GLTran Buffer`$$appId"
    }

    It 'an empty plan is refused at binding' {
        { New-CmTablePlan $sample.Source $sample.Destination -TablePlan @() } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyArrayNotAllowed,*'
    }
}

Describe 'New-CmTablePlan -TablePlan: a plan that went stale' {
    BeforeAll {
        $script:staleCsv = Join-Path $TestDrive 'stale-plan.csv'
        New-CmTablePlan $sample.Source $sample.Destination | Export-Csv $staleCsv
    }

    It 'when SLApp2.db is gone, the rows of 0030 are TablePlanStale and the others come back' {
        $copy = Copy-Sample 'no-slapp2'
        Remove-Item (Join-Path $copy.Path 'SLApp2.db')
        $reviewed = @(New-CmTablePlan $copy.Source $copy.Destination -TablePlan (Import-Csv $staleCsv) -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 120
        @($reviewed.Company | Select-Object -Unique) | Should -Be @('0010', '0020')
        @($reviewed | Where-Object { "$($_.CopyMethod)" -ne 'Full' }).Count | Should -Be 0
        $errors.Count | Should -Be 60
        @($errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' } | Select-Object -Unique) | Should -Be 'TablePlanStale'
        @($errors | ForEach-Object { "$($_.TargetObject)" } | Where-Object { $_ -notlike '0030/*' }).Count | Should -Be 0
    }

    It 'when SLApp2.db is gone, a 0030 row the reviewer set to Skip is still accepted' {
        $copy = Copy-Sample 'no-slapp2-skip'
        Remove-Item (Join-Path $copy.Path 'SLApp2.db')
        $rows = @(Import-Csv $staleCsv | Where-Object Company -eq '0030' | Select-Object -First 2)
        $rows[0].CopyMethod = 'Skip'
        $reviewed = @(New-CmTablePlan $copy.Source $copy.Destination -TablePlan $rows -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 1
        "$($reviewed[0].CopyMethod)" | Should -Be 'Skip'
        $reviewed[0].SourceTable | Should -Be $rows[0].SourceTable
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TablePlanStale,*'
    }

    It 'when the sample is regenerated with two companies, the rows of 0030 are TablePlanStale' {
        $regenerated = Join-Path $TestDrive 'regenerated'
        $first = New-CmSampleEnvironment -Path $regenerated -RowsPerTable 2 -Confirm:$false
        $csv = Join-Path $TestDrive 'regenerated-plan.csv'
        New-CmTablePlan $first.Source $first.Destination | Export-Csv $csv
        $second = New-CmSampleEnvironment -Path $regenerated -RowsPerTable 2 -CompanyCount 2 -Force -Confirm:$false
        $second.Companies | Should -Not -Contain '0030'

        $reviewed = @(New-CmTablePlan $second.Source $second.Destination -TablePlan (Import-Csv $csv) -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reviewed.Count | Should -Be 120
        @($reviewed.Company | Select-Object -Unique) | Should -Be @('0010', '0020')
        $errors.Count | Should -Be 60
        $errors | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'TablePlanStale,*'
            "$($_.TargetObject)" | Should -BeLike '0030/*'
        }
    }
}

Describe 'New-CmTablePlan output' {
    BeforeAll {
        $script:plan = @(New-CmTablePlan $sample.Source $sample.Destination)
    }

    It 'formats as a table grouped by company' {
        $text = $plan | Out-String -Width 200
        $text | Should -Match 'Company: 0010'
        $text | Should -Match 'Company: 0020'
        $text | Should -Match 'Company: 0030'
        $text | Should -Match 'SourceTable\s+CopyMethod\s+Status\s+Rows\s+SizeMB\s+DestinationTable'
        $text | Should -Match ([regex]::Escape("Account        Full       Ready           2    0.001 0010`$SL Account`$$appId"))
    }

    It '-Verbose sums up each company in one line' {
        $records = @(New-CmTablePlan $sample.Source $sample.Destination -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $records.Count | Should -Be 3
        $records[0].Message | Should -Match '^0010: 60 tables'
        $records[1].Message | Should -Match '^0020: 60 tables'
        $records[2].Message | Should -Match '^0030: 60 tables'
        $records | ForEach-Object { $_.Message | Should -Match 'Delta 0, Full 60, Skip 0' }
    }

    It '-Verbose counts the skipped tables of a custom mapping' {
        $records = @(New-CmTablePlan $sample.Source $sample.Destination -Company '0010' -Verbose -Mapping ([pscustomobject]@{ SourceTable = 'xMissing'; DestinationTable = 'SL Missing' }) 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $records.Count | Should -Be 1
        $records[0].Message | Should -Match '^0010: 61 tables \(Delta 0, Full 60, Skip 1\)'
    }

    It 'converts to JSON with the copy method as text' {
        $json = $plan | Select-Object -First 3 | ConvertTo-Json -Depth 3 -EnumsAsStrings
        $json | Should -Match '"CopyMethod":\s*"Full"'
        $back = $json | ConvertFrom-Json
        $back.Count | Should -Be 3
        $back[0].DestinationTable | Should -BeExactly "0010`$SL Account`$$appId"
        @($back[0].KeyColumns) | Should -Be @('Acct')
        $back[0].Columns[0].Source | Should -Be 'Acct'
    }
}

Describe 'New-CmTablePlan help' {
    BeforeAll {
        $script:help = Get-Help New-CmTablePlan -Full
    }

    It 'has at least four examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 4
    }

    It 'documents -TablePlan and -Mapping' {
        foreach ($name in 'TablePlan', 'Mapping') {
            $parameter = $help.parameters.parameter | Where-Object name -eq $name
            $parameter | Should -Not -BeNullOrEmpty -Because "-$name is a parameter"
            ($parameter.description.Text -join ' ') | Should -Match 'Import-Csv'
        }
        ($help.description.Text -join ' ') | Should -Match 'TablePlanStale'
    }
}
