#requires -Version 7.4
# Endpoint input as users type it: clear errors before anything connects, and no secret anywhere.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:sentinel = 'S3ntinel-Pa55!word'
    $script:secure = ConvertTo-SecureString $sentinel -AsPlainText -Force
    $script:credential = [pscredential]::new('migrator', $secure)
}

Describe 'New-CmEndpoint' {
    It 'reads a SQL Server connection string' {
        $e = New-CmEndpoint 'Server=sql01,1433;Database=SLSystem;User ID=sa;Password=x1234;Encrypt=true'
        $e.Kind | Should -Be 'SqlServer'
        $e.Server | Should -Be 'sql01,1433'
        $e.Database | Should -Be 'SLSystem'
        $e.RequiresIntegrationRuntime | Should -BeTrue
        "$e" | Should -Not -Match 'x1234'
    }

    It 'recognises Azure SQL, which needs no integration runtime' {
        $e = New-CmEndpoint 'Server=tcp:contoso.database.windows.net,1433;Database=SL' -Credential $credential
        $e.Kind | Should -Be 'AzureSql'
        $e.RequiresIntegrationRuntime | Should -BeFalse
        $e.UserName | Should -Be 'migrator'
    }

    It 'takes connection strings from the pipeline' {
        ('sqlite:' + (Join-Path $TestDrive 'a.db')), ('sqlite:' + (Join-Path $TestDrive 'b.db')) | New-CmEndpoint | ForEach-Object Database | Should -Be @('a', 'b')
    }
}

Describe 'Bad endpoint input' {
    It '<Case> gives <ErrorId>' -ForEach @(
        @{ Case = 'UserID for User ID'; Text = 'Server=s;Database=d;UserID=sa'; ErrorId = 'ConnectionStringUnknownKeyword'; Hint = "User ID" }
        @{ Case = 'Initial Catolog'; Text = 'Server=s;Initial Catolog=d'; ErrorId = 'ConnectionStringUnknownKeyword'; Hint = 'Initial Catalog' }
        @{ Case = 'no database'; Text = 'Server=s;User ID=sa'; ErrorId = 'ConnectionStringMissingDatabase'; Hint = 'Database=' }
        @{ Case = 'no server'; Text = 'Database=d;User ID=sa'; ErrorId = 'ConnectionStringMissingServer'; Hint = 'Server=' }
        @{ Case = 'a bare path'; Text = './SLSystem.db'; ErrorId = 'EndpointAmbiguous'; Hint = 'sqlite:' }
        @{ Case = 'a file as Data Source'; Text = 'Data Source=/tmp/x.db'; ErrorId = 'EndpointAmbiguous'; Hint = 'sqlite:' }
        @{ Case = 'an unknown kind'; Text = 'postgres://h/db'; ErrorId = 'EndpointUnknownKind'; Hint = 'sqlite:' }
        @{ Case = 'a bad value'; Text = 'Server=s;Database=d;Encrypt=perhaps'; ErrorId = 'ConnectionStringInvalidValue'; Hint = 'Encrypt' }
        @{ Case = 'a missing SQLite folder'; Text = 'sqlite:/no/such/dir/x.db'; ErrorId = 'SqliteFolderNotFound'; Hint = 'New-CmSampleEnvironment' }
        @{ Case = 'an in-memory SQLite database'; Text = 'sqlite::memory:'; ErrorId = 'SqliteInMemoryNotSupported'; Hint = 'file' }
        @{ Case = 'an unknown SQLite keyword'; Text = 'sqlite:Data Source=/tmp/x.db;Mod=ReadOnly'; ErrorId = 'ConnectionStringUnknownKeyword'; Hint = 'Mode' }
        @{ Case = 'unbalanced quotes'; Text = 'Server="s;Database=d'; ErrorId = 'ConnectionStringMalformed'; Hint = 'quotes' }
    ) {
        $err = $null
        try { New-CmEndpoint -ConnectionString $Text -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -BeIn 'InvalidArgument', 'ObjectNotFound'
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*$Hint*"
    }

    It 'a password in the string together with -Credential' {
        $err = $null
        try { New-CmEndpoint "Server=s;Database=d;User ID=sa;Password=$sentinel" -Credential $credential } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PasswordInConnectionStringAndCredential,*'
        ($err | Format-List * -Force | Out-String) + $err.ErrorDetails.RecommendedAction | Should -Not -Match ([regex]::Escape($sentinel))
    }

    It 'a credential for a SQLite file' {
        { New-CmEndpoint ('sqlite:' + (Join-Path $TestDrive 'x.db')) -Credential $credential } | Should -Throw -ErrorId 'CredentialNotSupported,*'
    }
}

Describe 'No secret leaves the module' {
    It 'the sentinel password is in no stream, error, output object, CSV, JSON or list view' {
        $endpoint = New-CmEndpoint "Server=tcp:127.0.0.1,1;Database=SL;User ID=sa;Password=$sentinel;Connect Timeout=2"
        $streams = & {
            $endpoint
            try { Get-CmCompany -Source "Server=tcp:127.0.0.1,1;Database=SL;User ID=sa;Password=$sentinel;Connect Timeout=2" -Verbose } catch { $_ }
            try { Get-CmCompany -Source 'Server=tcp:127.0.0.1,1;Database=SL;Connect Timeout=2' -SourceCredential $credential -Verbose } catch { $_ }
            try { Get-CmCompany -Source "Server=s;Database=SL;UserID=sa;Password=$sentinel" } catch { $_ }
        } *>&1
        $text = @(
            $streams | Out-String -Width 400
            $streams | Format-List * -Force | Out-String -Width 400
            $streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.Exception.ToString(); $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction; "$($_.TargetObject)" }
            $endpoint | ConvertTo-Json -Depth 5
            $endpoint | ConvertTo-Csv
            $endpoint | Format-List * -Force | Out-String
        ) -join "`n"
        $streams.Count | Should -BeGreaterThan 3
        $text | Should -Match 'ServerUnreachable|cannot be reached'
        $text | Should -Not -Match ([regex]::Escape($sentinel))
    }
}
