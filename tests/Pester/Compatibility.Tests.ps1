#requires -Version 7.4
# Test-CmCompatibility on the embedded sample, driven the way a user drives it: parameters, the
# pipeline, -Quiet, errors, broken samples, an unreachable server with a secret, and reports.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:dir = Join-Path $TestDrive 'sample'
    $script:sample = New-CmSampleEnvironment -Path $dir -RowsPerTable 2 -Confirm:$false

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
}

Describe 'Test-CmCompatibility on the unbroken sample' {
    BeforeAll {
        $script:results = @(Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination -ErrorVariable runErrors)
        $script:runErrors = $runErrors
    }

    It 'writes CompatibilityResult objects and no error' {
        $results.Count | Should -BeGreaterThan 20
        @($results | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique) | Should -Be 'CloudMigration.Engine.Compatibility.CompatibilityResult'
        $runErrors.Count | Should -Be 0
    }

    It 'nothing is Failed or Warning' {
        $bad = $results | Where-Object Status -in 'Failed', 'Warning' | ForEach-Object { "$($_.Status) $($_.Check) $($_.Target): $($_.Message)" }
        $bad | Should -BeNullOrEmpty
        ($results | Where-Object Status -eq 'Passed').Count | Should -BeGreaterThan 0
    }

    It 'reports every check the help names' {
        $documented = 'Connectivity', 'SqlServerVersion', 'SqlServerEdition', 'Permissions', 'CompatibilityLevel', 'ChangeTracking',
            'Collation', 'LargeValues', 'DynamicsSLVersion', 'ApplicationDatabase', 'CompanyName', 'SubaccountSegments', 'CompanyCount',
            'DataSize', 'RunSize', 'MigrationExtension', 'DestinationCompany', 'SourceTable', 'SchemaAlignment'
        @($results.Check | Select-Object -Unique) | Should -Be $documented
    }

    It 'checks every active company, and not the inactive one' {
        @($results | Where-Object Check -eq 'CompanyName' | ForEach-Object Company) | Should -Be @('0010', '0020', '0030')
        $results.Company | Should -Not -Contain '9990'
        ($results | Where-Object Check -eq 'CompanyCount').Target | Should -Be '3 selected companies'
    }

    It 'the SQL-Server-only checks say NotApplicable with a reason' {
        $na = $results | Where-Object Status -eq 'NotApplicable'
        $na.Check | Should -Contain 'SqlServerVersion'
        $na | ForEach-Object { $_.Message | Should -Not -BeNullOrEmpty }
    }

    It '-Quiet returns exactly one $true' {
        $quiet = @(Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination -Quiet)
        $quiet.Count | Should -Be 1
        $quiet[0] | Should -BeOfType ([bool])
        $quiet[0] | Should -BeTrue
    }

    It 'takes -Source and -Destination from the sample by property name' {
        $piped = @($sample | Test-CmCompatibility)
        $piped.Count | Should -Be $results.Count
        ($piped | ForEach-Object { "$($_.Check)|$($_.Target)|$($_.Status)" }) | Should -Be ($results | ForEach-Object { "$($_.Check)|$($_.Target)|$($_.Status)" })
    }

    It 'takes -Source and -Destination by position' {
        @(Test-CmCompatibility $sample.Source $sample.Destination).Count | Should -Be $results.Count
    }
}

Describe 'Companies piped from Get-CmCompany' {
    It 'one piped company: company results only for it, and the selection counts 1' {
        $r = @(Get-CmCompany -Source $sample.Source -Name 0010 | Test-CmCompatibility -Destination $sample.Destination)
        $companyResults = @($r | Where-Object { $_.Company })
        $companyResults.Count | Should -BeGreaterThan 0
        @($companyResults.Company | Select-Object -Unique) | Should -Be @('0010')
        @($r | Where-Object TargetType -eq 'Company' | Where-Object Company -ne '0010') | Should -BeNullOrEmpty
        ($r | Where-Object Check -eq 'CompanyCount').Target | Should -Be '1 selected company'
        ($r | Where-Object Check -eq 'CompanyCount').Status | Should -Be 'Passed'
        @($r | Where-Object Check -eq 'CompanyName').Count | Should -Be 1
    }

    It 'all three piped companies are tested together as one selection' {
        $r = @(Get-CmCompany -Source $sample.Source | Test-CmCompatibility -Destination $sample.Destination)
        $names = @($r | Where-Object Check -eq 'CompanyName')
        $names.Count | Should -Be 3
        $names.Company | Should -Be @('0010', '0020', '0030')
        @($r | Where-Object Check -eq 'CompanyCount').Count | Should -Be 1
        ($r | Where-Object Check -eq 'CompanyCount').Target | Should -Be '3 selected companies'
        @($r | Where-Object Check -eq 'Connectivity').Count | Should -Be 2
    }
}

Describe 'A -Company that matches nothing' {
    It 'is a non-terminating CompanyNotFound error; the other company is still checked' {
        $r = @(Test-CmCompatibility $sample.Source $sample.Destination -Company '0010', 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotFound*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'NOPE'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @($r | Where-Object Check -eq 'CompanyName').Company | Should -Be '0010'
        ($r | Where-Object Check -eq 'CompanyCount').Target | Should -Be '1 selected company'
    }

    It 'alone: the error, and the source and destination checks still come' {
        $r = @(Test-CmCompatibility $sample.Source $sample.Destination -Company 'NOPE' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'CompanyNotFound*'
        $errors[0].TargetObject | Should -Be 'NOPE'
        @($r | Where-Object Check -eq 'Connectivity' | Where-Object Status -eq 'Passed').Count | Should -Be 2
        ($r | Where-Object Check -eq 'CompanyCount').Status | Should -Be 'Failed'
    }

    It 'makes -Quiet $false (while the found company alone is $true)' {
        Test-CmCompatibility $sample.Source $sample.Destination -Company '0010' -Quiet | Should -BeTrue
        $quiet = @(Test-CmCompatibility $sample.Source $sample.Destination -Company '0010', 'NOPE' -Quiet -ErrorAction SilentlyContinue -ErrorVariable errors)
        $quiet.Count | Should -Be 1
        $quiet[0] | Should -BeOfType ([bool])
        $quiet[0] | Should -BeFalse
        $errors.Count | Should -Be 1   # -Quiet suppresses connection errors, not the unmatched name
    }
}

Describe 'A broken sample: the application database of company 0030 is gone' {
    BeforeAll {
        $script:broken = Copy-Sample 'missing-slapp2'
        Remove-Item (Join-Path $broken.Path 'SLApp2.db')
        $script:brokenResults = @(Test-CmCompatibility -Source $broken.Source -Destination $broken.Destination -ErrorVariable brokenErrors)
        $script:brokenErrors = $brokenErrors
    }

    It 'ApplicationDatabase fails for company 0030, with the database name and a fix' {
        $failed = @($brokenResults | Where-Object Status -eq 'Failed')
        $app = @($failed | Where-Object Check -eq 'ApplicationDatabase')
        $app.Count | Should -Be 1
        $app[0].Company | Should -Be '0030'
        $app[0].TargetType | Should -Be 'Company'
        $app[0].Message | Should -Match 'SLApp2'
        $app[0].RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'the companies in SLApp still pass' {
        @($brokenResults | Where-Object Check -eq 'ApplicationDatabase' | Where-Object Status -eq 'Passed').Company | Should -Be @('0010', '0020')
        $brokenErrors.Count | Should -Be 0
    }

    It '-Quiet says $false' {
        Test-CmCompatibility -Source $broken.Source -Destination $broken.Destination -Quiet | Should -BeFalse
    }

    It 'leaving company 0030 out makes it ready again' {
        Test-CmCompatibility -Source $broken.Source -Destination $broken.Destination -Company '0010', '0020' -Quiet | Should -BeTrue
    }

    It 'is not re-created by the test' {
        Join-Path $broken.Path 'SLApp2.db' | Should -Not -Exist
    }
}

Describe 'Databases of the wrong kind stop the cmdlet' {
    It 'a Business Central database as -Source: NotAnSlSystemDatabase' {
        $err = $null
        try { Test-CmCompatibility -Source $sample.Destination -Destination $sample.Destination -ErrorAction Continue } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty   # thrown despite -ErrorAction Continue: terminating
        $err.FullyQualifiedErrorId | Should -BeLike 'NotAnSlSystemDatabase*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Destination'
    }

    It 'a Dynamics SL database as -Destination: NotABusinessCentralDatabase' {
        $err = $null
        try { Test-CmCompatibility -Source $sample.Source -Destination $sample.Source -ErrorAction Continue } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'NotABusinessCentralDatabase*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'even with -Quiet: the cmdlet throws instead of answering' {
        { Test-CmCompatibility -Source $sample.Destination -Destination $sample.Destination -Quiet -ErrorAction Continue } | Should -Throw -ErrorId 'NotAnSlSystemDatabase*'
    }
}

Describe 'An unreachable destination, with a password that must not leak' {
    BeforeAll {
        $script:sentinel = 'S3ntinel-Pa55!word'
        $script:credential = [pscredential]::new('migrator', (ConvertTo-SecureString $sentinel -AsPlainText -Force))
        $script:unreachable = 'sqlserver:Server=tcp:127.0.0.1,1;Database=BC;User ID=u;Encrypt=False;Connect Timeout=3'
        $all = @(Test-CmCompatibility -Source $sample.Source -Destination $unreachable -DestinationCredential $credential -Verbose -ErrorAction SilentlyContinue -ErrorVariable err 4>&1)
        $script:verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $script:offline = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $script:offlineErrors = @($err)
    }

    It 'gives a Failed Connectivity result for the destination' {
        $connectivity = @($offline | Where-Object { $_.Check -eq 'Connectivity' -and $_.TargetType -eq 'Destination' })
        $connectivity.Count | Should -Be 1
        $connectivity[0].Status | Should -Be 'Failed'
        $connectivity[0].Target | Should -Be 'BC'   # destination-level results name the tenant database
        $connectivity[0].RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'writes one non-terminating ServerUnreachable error' {
        $offlineErrors.Count | Should -Be 1
        $offlineErrors[0].FullyQualifiedErrorId | Should -BeLike 'ServerUnreachable*'
        $offlineErrors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'still checks the source' {
        ($offline | Where-Object { $_.Check -eq 'Connectivity' -and $_.TargetType -eq 'Source' }).Status | Should -Be 'Passed'
        @($offline | Where-Object Check -eq 'CompanyName').Company | Should -Be @('0010', '0020', '0030')
        @($offline | Where-Object Status -eq 'Failed').Count | Should -Be 1
    }

    It 'wrote verbose output' {
        $verbose.Count | Should -BeGreaterThan 0
    }

    It 'the password is in no result, error record or verbose message' {
        $text = @(
            $offline | ConvertTo-Json -Depth 5
            $offline | Format-List * -Force | Out-String -Width 400
            $offlineErrors | Out-String -Width 400
            $offlineErrors | Format-List * -Force | Out-String -Width 400
            $offlineErrors | ForEach-Object {
                [pscustomobject]@{
                    Message           = $_.Exception.Message
                    Exception         = $_.Exception.ToString()
                    Inner             = "$($_.Exception.InnerException)"
                    Details           = $_.ErrorDetails.Message
                    RecommendedAction = $_.ErrorDetails.RecommendedAction
                    Target            = "$($_.TargetObject)"
                } | ConvertTo-Json
            }
            $verbose | ForEach-Object Message
        ) -join "`n"
        $text | Should -Match 'ServerUnreachable|cannot be reached'   # the text is really the error and results
        $text | Should -Match 'Testing '                              # ... and the verbose message
        $text | Should -Not -Match ([regex]::Escape($sentinel))
    }

    It '-Quiet says $false and writes no connection error' {
        $quiet = @(Test-CmCompatibility -Source $sample.Source -Destination $unreachable -DestinationCredential $credential -Quiet -ErrorVariable quietErrors)
        $quiet.Count | Should -Be 1
        $quiet[0] | Should -BeFalse
        $quietErrors.Count | Should -Be 0
    }

    It 'the Connectivity message explains the error number once' {
        # SqlServerProvider puts the explanation into the message; the rule must not add it again.
        $message = ($offline | Where-Object { $_.Check -eq 'Connectivity' -and $_.TargetType -eq 'Destination' }).Message
        ([regex]::Matches($message, 'Error \d+(/\d+)?: |The connection timed out|The network connection could not be made|host name could not be resolved')).Count | Should -Be 1
    }
}

Describe 'Test-CmCompatibility only reads' {
    It 'every sample file is byte-identical afterwards, and no file is added' {
        $before = Get-FolderState $dir
        $before.Count | Should -Be 4
        Test-CmCompatibility $sample.Source $sample.Destination | Out-Null
        Test-CmCompatibility $sample.Source $sample.Destination -Quiet | Out-Null
        Get-CmCompany -Source $sample.Source | Test-CmCompatibility -Destination $sample.Destination | Out-Null
        Test-CmCompatibility $sample.Source $sample.Destination -Company 'NOPE' -ErrorAction SilentlyContinue | Out-Null
        try { Test-CmCompatibility $sample.Destination $sample.Source } catch { $null = $_ }
        Get-FolderState $dir | Should -Be $before
    }
}

Describe 'Reports' {
    BeforeAll {
        $script:report = @(Test-CmCompatibility $sample.Source $sample.Destination)
        $script:properties = 'Check', 'Target', 'TargetType', 'Company', 'Status', 'Code', 'Message', 'RecommendedAction'
    }

    It 'Export-Csv writes exactly the result properties, with status names' {
        $csv = Join-Path $TestDrive 'compatibility.csv'
        $report | Export-Csv $csv -NoTypeInformation
        (Get-Content $csv -TotalCount 1) | Should -Be (($properties | ForEach-Object { '"' + $_ + '"' }) -join ',')
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be $report.Count
        $rows[0].Status | Should -Be 'Passed'
        $rows.Status | Should -Not -Contain '1'
        ($rows | Where-Object Status -eq 'NotApplicable').Count | Should -Be ($report | Where-Object Status -eq 'NotApplicable').Count
    }

    It 'ConvertTo-Csv has the same header' {
        $lines = @($report | ConvertTo-Csv)
        @($lines[0] -split ',' | ForEach-Object { $_.Trim('"') }) | Should -Be $properties
        $lines[1] | Should -Match '"Passed"'
    }

    It 'ConvertTo-Json -EnumsAsStrings round-trips' {
        $back = @($report | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json)
        $back.Count | Should -Be $report.Count
        $back.Status | Should -Be ($report | ForEach-Object { $_.Status.ToString() })
        $back.Check | Should -Be $report.Check
        @($back[0].PSObject.Properties.Name) | Should -Be $properties
    }

    It 'ConvertTo-Html writes a table with the result headers' {
        $html = $report | ConvertTo-Html | Out-String
        $html | Should -Match '<table>'
        $html | Should -Match ([regex]::Escape((($properties | ForEach-Object { "<th>$_</th>" }) -join '')))
        $html | Should -Match '<td>Passed</td>'
    }

    It 'the default view is a table of Status, Check, Target, Code, Message' {
        $text = $report | Out-String -Width 200
        $text | Should -Match '(?m)^Status\s+Check\s+Target\s+Code\s+Message\s*$'
        $text | Should -Not -Match 'RecommendedAction'
        $text | Should -Match 'Passed\s+Connectivity'
    }
}

Describe 'Parameters and help' {
    It '-StorageCapacityGB 0 is refused at binding' {
        { Test-CmCompatibility $sample.Source $sample.Destination -StorageCapacityGB 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Test-CmCompatibility $sample.Source $sample.Destination -StorageCapacityGB -5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'Get-Help -Full has at least 4 examples and describes -Quiet' {
        $help = Get-Help Test-CmCompatibility -Full
        @($help.examples.example).Count | Should -BeGreaterOrEqual 4
        $quiet = $help.parameters.parameter | Where-Object name -eq 'Quiet'
        $quiet | Should -Not -BeNullOrEmpty
        ($quiet.description | Out-String) | Should -Match '\$true'
        ($help | Out-String -Width 200) | Should -Match '-Quiet'
    }
}
