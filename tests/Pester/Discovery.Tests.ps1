#requires -Version 7.4
# Company and extension discovery on the embedded sample, driven the way a user drives it.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:dir = Join-Path $TestDrive 'sample'
    $script:sample = New-CmSampleEnvironment -Path $dir -RowsPerTable 2 -Confirm:$false

    function Get-FileHashes([string] $Folder) {
        Get-ChildItem $Folder -File | Sort-Object Name | ForEach-Object { '{0}={1}' -f $_.Name, (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
    }
}

Describe 'New-CmSampleEnvironment' {
    It 'returns endpoints that feed the other cmdlets' {
        $sample.Source.Kind | Should -Be 'Sqlite'
        $sample.Source.Database | Should -Be 'SLSystem'
        $sample.Destination.Database | Should -Be 'BusinessCentral'
        $sample.Companies | Should -Be @('0010', '0020', '0030', '9990')
        $sample.ApplicationDatabases | Should -Be @('SLApp', 'SLApp2')
    }

    It '-WhatIf writes nothing' {
        $target = Join-Path $TestDrive 'whatif'
        New-CmSampleEnvironment -Path $target -WhatIf | Should -BeNullOrEmpty
        $target | Should -Not -Exist
    }

    It 'refuses to overwrite without -Force, with a stable error id, and changes nothing' {
        $before = Get-FileHashes $dir
        { New-CmSampleEnvironment -Path $dir -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'SamplePathNotEmpty,*'
        Get-FileHashes $dir | Should -Be $before
    }

    It 'rejects out-of-range options at binding' {
        { New-CmSampleEnvironment -Path (Join-Path $TestDrive 'x') -CompanyCount 0 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'resolves a relative -Path against the current PowerShell location' {
        Push-Location $TestDrive
        try {
            $relative = New-CmSampleEnvironment -Path 'relative' -CompanyCount 1 -RowsPerTable 0 -Confirm:$false
            $relative.Path | Should -Be (Join-Path $TestDrive 'relative')
        } finally { Pop-Location }
    }
}

Describe 'Get-CmCompany -Source' {
    It 'lists active Dynamics SL companies with their application databases' {
        $companies = Get-CmCompany -Source $sample.Source
        $companies.CpnyID | Should -Be @('0010', '0020', '0030')
        ($companies | Where-Object CpnyID -eq '0030').ApplicationDatabase | Should -Be 'SLApp2'
        $companies.ApplicationDatabaseFound | Should -Not -Contain $false
    }

    It '-IncludeInactive adds the inactive company' {
        $all = Get-CmCompany -Source $sample.Source -IncludeInactive
        $all.Count | Should -Be 4
        ($all | Where-Object CpnyID -eq '9990').Active | Should -BeFalse
    }

    It '-Name takes wildcards on the id and the name' {
        (Get-CmCompany -Source $sample.Source -Name '*Fabrikam*').CpnyID | Should -Be '0020'
        (Get-CmCompany -Source $sample.Source -Name '00[12]0').CpnyID | Should -Be @('0010', '0020')
    }

    It 'the alias Get-CmCompanies runs the same cmdlet' {
        (Get-Alias Get-CmCompanies).ResolvedCommand.Name | Should -Be 'Get-CmCompany'
        (Get-CmCompanies -Source $sample.Source).Count | Should -Be 3
    }

    It 'accepts the endpoint as text, relative to the current location' {
        Push-Location $dir
        try { (Get-CmCompany -Source 'sqlite:./SLSystem.db').Count | Should -Be 3 } finally { Pop-Location }
    }

    It 'takes -Source from the pipeline by property name' {
        ([pscustomobject]@{ Source = $sample.Source } | Get-CmCompany).Count | Should -Be 3
        ($sample | Get-CmCompany).Count | Should -Be 3
    }

    It 'pipes into Where-Object and Export-Csv' {
        $csv = Join-Path $TestDrive 'companies.csv'
        Get-CmCompany -Source $sample.Source -IncludeInactive | Where-Object Active | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 3
        $rows[0].CpnyID | Should -Be '0010'
        $rows[0].Source | Should -BeLike 'sqlite:*SLSystem.db'
    }

    It 'formats as a table within 120 columns' {
        $text = Get-CmCompany -Source $sample.Source | Format-Table | Out-String -Width 120
        $text | Should -Match 'CpnyID\s+Name\s+ApplicationDatabase'
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }

    It 'an unknown exact name is a non-terminating CompanyNotFound error; the others still arrive' {
        $found = Get-CmCompany -Source $sample.Source -Name '0010', 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errors
        $found.CpnyID | Should -Be '0010'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'NOPE'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-CmCompany -Destination and Get-CmExtension' {
    It 'lists Business Central companies' {
        (Get-CmCompany -Destination $sample.Destination).Name | Should -Be @('0010', '0020', '0030', 'CRONUS USA, Inc.')
        (Get-CmCompany -Destination $sample.Destination -Name 'CRONUS*').SqlName | Should -Be 'CRONUS USA, Inc_'
    }

    It 'lists installed extensions and marks the Dynamics SL Migration extension' {
        $extensions = Get-CmExtension -Destination $sample.Destination
        $extensions.Count | Should -Be 4
        $migration = $extensions | Where-Object IsMigrationExtension
        $migration.Name | Should -Be 'Dynamics SL Migration'
        $migration.AppId | Should -Be ([guid]'237981b4-9e3c-437c-9b92-988aae978e8f')
        $migration.Publisher | Should -Be 'Microsoft'
        (Get-CmExtension -Destination $sample.Destination -Name 'Base*').Name | Should -Be 'Base Application'
    }

    It 'converts to JSON and HTML with flat, secret-free properties' {
        $json = Get-CmExtension -Destination $sample.Destination | Select-Object Name, Version, AppId | ConvertTo-Json
        ($json | ConvertFrom-Json).Count | Should -Be 4
        Get-CmCompany -Destination $sample.Destination | ConvertTo-Html | Out-String | Should -Match '<td>0010</td>'
    }
}

Describe 'Wrong databases give clear errors and change nothing' {
    BeforeEach { $script:before = Get-FileHashes $dir }
    AfterEach { Get-FileHashes $dir | Should -Be $before }

    It 'a Business Central database given as source' {
        { Get-CmCompany -Source $sample.Destination -ErrorAction Stop } | Should -Throw -ErrorId 'NotAnSlSystemDatabase,*'
        try { Get-CmCompany -Source $sample.Destination } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'Business Central'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Destination'
    }

    It 'an application database given as source' {
        { Get-CmCompany -Source ('sqlite:' + (Join-Path $dir 'SLApp.db')) } | Should -Throw -ErrorId 'NotAnSlSystemDatabase,*'
    }

    It 'a Dynamics SL database given as destination' {
        { Get-CmExtension -Destination $sample.Source } | Should -Throw -ErrorId 'NotABusinessCentralDatabase,*'
        { Get-CmCompany -Destination $sample.Source } | Should -Throw -ErrorId 'NotABusinessCentralDatabase,*'
    }

    It 'a SQLite file that does not exist, without creating it' {
        $missing = Join-Path $dir 'Missing.db'
        { Get-CmCompany -Source "sqlite:$missing" } | Should -Throw -ErrorId 'DatabaseNotFound,*'
        $missing | Should -Not -Exist
    }

    It 'a folder that does not exist' {
        { Get-CmCompany -Source 'sqlite:/no/such/folder/SLSystem.db' } | Should -Throw -ErrorId 'SqliteFolderNotFound,*'
    }
}

Describe 'Get-CmExtension details' {
    It 'an exact name that is not installed is a non-terminating ExtensionNotFound error' {
        $found = Get-CmExtension -Destination $sample.Destination -Name 'Base Application', 'No Such App' -ErrorAction SilentlyContinue -ErrorVariable errors
        $found.Name | Should -Be 'Base Application'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExtensionNotFound,*'
        $errors[0].TargetObject | Should -Be 'No Such App'
    }

    It 'reads a destination once when its companies are piped in' {
        (Get-CmCompany -Destination $sample.Destination | Get-CmExtension).Count | Should -Be 4
    }
}
