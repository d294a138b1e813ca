<#
.SYNOPSIS
    Converts per-cmdlet markdown help (module/help/*.md) into one MAML help file.

.DESCRIPTION
    Build mode:  New-CmMamlHelp.ps1 -SourcePath module/help -OutputPath <dir>/en-US/CloudMigration.PowerShell.dll-Help.xml
    List mode:   New-CmMamlHelp.ps1 -SourcePath module/help -ListParameters
                 Writes no file; emits one object per documented parameter:
                 Command, Parameter, Type, ParameterSets, Required, Position, PipelineInput, Aliases.

    Every *.md in SourcePath except about_*.md describes one cmdlet (file name = cmdlet name).
    No external modules are used (platyPS is not needed).

    MARKDOWN FORMAT (a compact platyPS-like format; headings inside ``` fences are ignored)

        ---                                   optional YAML front matter, ignored
        external help file: CloudMigration.PowerShell.dll-Help.xml
        Module Name: CloudMigration
        ---
        # Get-CmCompany                       H1 = cmdlet name (required, must match the file name)
        ## SYNOPSIS                           required: one paragraph
        ## SYNTAX                             one ### per parameter set, "### Name (Default)" allowed,
        ### Source (Default)                  each followed by a ``` block holding the syntax line,
        ```                                    e.g. Get-CmCompany -Source <T> [-Name <String[]>] [-Switch]
        Get-CmCompany -Source <CmEndpointParameter> [-IncludeInactive] [<CommonParameters>]
        ```                                   every -Param in the line must be documented under PARAMETERS
        ## DESCRIPTION                        required: paragraphs separated by blank lines
        ## EXAMPLES                           required: at least one "### Example N: Title",
        ### Example 1: List active companies   each with >= 1 code block (-> dev:code) and optional
        ```powershell                          remark paragraphs after it (-> dev:remarks)
        Get-CmCompany -Source 'sqlite:./out/demo/SLSystem.db'
        ```
        ## PARAMETERS                         one "### -Name" per parameter: description paragraphs,
        ### -Source                            then a ```yaml block with the keys below. Type is required;
        ```yaml                                defaults: Parameter Sets (All), Aliases None, Required False,
        Type: CmEndpointParameter              Position Named, Default value None, pipeline/wildcard False.
        Parameter Sets: Source                 "Parameter Sets" is (All) or a comma-separated list,
        Aliases: SourceEndpoint                "Aliases" is None or a comma-separated list,
        Required: True                         switches use "Type: SwitchParameter".
        Position: 0
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```
        ### CommonParameters                 skipped
        ## INPUTS / ## OUTPUTS                optional: "### <type name>" + optional description
        ## NOTES                              optional: paragraphs
        ## RELATED LINKS                      optional: one "[text](target)" (or plain text) per line;
                                               only http(s) targets become a maml:uri
#>
[CmdletBinding(DefaultParameterSetName = 'Build')]
param(
    # Folder containing the <Cmdlet>.md files.
    [Parameter(Mandatory)]
    [string] $SourcePath,

    # MAML file to write (its folder is created if needed).
    [Parameter(Mandatory, ParameterSetName = 'Build')]
    [string] $OutputPath,

    # Emit the documented parameters instead of writing MAML.
    [Parameter(Mandatory, ParameterSetName = 'List')]
    [switch] $ListParameters
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}
$fenceRegex = '^\s*(```|~~~)'

#region Markdown parsing

# Splits lines at headings of exactly $Level '#' (outside code fences).
# Returns @{ Title; Lines } items; text before the first heading has Title ''.
function Split-Heading([string[]] $Lines, [int] $Level) {
    $headingRegex = '^#{' + $Level + '}\s+(.*?)\s*#*\s*$'
    $current = [pscustomobject]@{ Title = ''; Lines = [Collections.Generic.List[string]]::new() }
    $result = [Collections.Generic.List[object]]::new()
    $result.Add($current)
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match $fenceRegex) { $inFence = -not $inFence }
        elseif (-not $inFence -and $line -match $headingRegex) {
            $current = [pscustomobject]@{ Title = $Matches[1]; Lines = [Collections.Generic.List[string]]::new() }
            $result.Add($current)
            continue
        }
        $current.Lines.Add($line)
    }
    return , $result
}

# Returns the fenced code blocks as @{ Lang; Text }.
function Get-CodeBlock([string[]] $Lines) {
    $blocks = [Collections.Generic.List[object]]::new()
    $buffer = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)\s*([\w-]*)') {
            if ($null -eq $buffer) { $lang = $Matches[2]; $buffer = [Collections.Generic.List[string]]::new() }
            else { $blocks.Add([pscustomobject]@{ Lang = $lang; Text = ($buffer -join "`n").Trim("`r", "`n") }); $buffer = $null }
        }
        elseif ($null -ne $buffer) { $buffer.Add($line.TrimEnd()) }
    }
    return , $blocks
}

# Converts markdown lines into paragraphs (blank-line separated). Soft line breaks become spaces,
# except before list items. Code blocks become verbatim paragraphs unless -ExcludeCode.
function ConvertTo-Paragraph([string[]] $Lines, [switch] $ExcludeCode) {
    $paragraphs = [Collections.Generic.List[string]]::new()
    $buffer = [Collections.Generic.List[string]]::new()
    $inFence = $false
    $flush = {
        if ($buffer.Count -gt 0) {
            $text = $buffer -join "`n"
            if (-not $inFence) { $text = $text -replace "`n(?!\s*([-*+]|\d+\.)\s)", ' ' }
            $paragraphs.Add($text.Trim("`r", "`n"))
            $buffer.Clear()
        }
    }
    foreach ($line in $Lines) {
        if ($line -match $fenceRegex) { . $flush; $inFence = -not $inFence; continue }
        if ($inFence) { if (-not $ExcludeCode) { $buffer.Add($line.TrimEnd()) }; continue }
        if ($line.Trim() -eq '') { . $flush; continue }
        $buffer.Add($line.Trim())
    }
    . $flush
    return , $paragraphs
}

function Read-HelpMarkdown([IO.FileInfo] $File) {
    $fail = { param($what) throw "Help markdown '$($File.FullName)': $what" }
    $lines = [string[]](Get-Content -LiteralPath $File.FullName -Encoding utf8)
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = [Array]::FindIndex($lines, 1, [Predicate[string]] { param($l) $l.Trim() -eq '---' })
        if ($end -lt 0) { . $fail 'front matter starting with --- is not closed' }
        $lines = @($lines | Select-Object -Skip ($end + 1))
    }

    $top = Split-Heading $lines 1
    if ($top.Count -lt 2) { . $fail "missing '# <CmdletName>' heading" }
    $name = $top[1].Title
    if ($name -ne $File.BaseName) { . $fail "heading '# $name' does not match the file name" }

    $sections = @{}
    foreach ($s in (Split-Heading $top[1].Lines 2)) { if ($s.Title -and -not $sections.ContainsKey($s.Title)) { $sections[$s.Title] = $s.Lines } }
    $section = { param($title) if ($sections.ContainsKey($title)) { [string[]]$sections[$title] } else { [string[]]@() } }

    $synopsis = ConvertTo-Paragraph (. $section 'SYNOPSIS')
    if ($synopsis.Count -eq 0) { . $fail "missing or empty '## SYNOPSIS' section" }
    $description = ConvertTo-Paragraph (. $section 'DESCRIPTION')
    if ($description.Count -eq 0) { . $fail "missing or empty '## DESCRIPTION' section" }

    # Parameters
    $parameters = [ordered]@{}
    foreach ($p in (Split-Heading (. $section 'PARAMETERS') 3)) {
        if (-not $p.Title -or $p.Title -eq 'CommonParameters') { continue }
        $pName = $p.Title.TrimStart('-').Trim()
        $yaml = @{}
        $block = (Get-CodeBlock $p.Lines) | Where-Object Lang -in 'yaml', 'yml' | Select-Object -First 1
        if ($block) {
            foreach ($kv in ($block.Text -split "`n")) { if ($kv -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $yaml[$Matches[1]] = $Matches[2] } }
        }
        $get = { param($key, $default) if ($yaml.ContainsKey($key) -and $yaml[$key]) { $yaml[$key] } else { $default } }
        $type = . $get 'Type' ''
        if (-not $type) { . $fail "parameter -$pName has no 'Type:' in its yaml block" }
        $position = . $get 'Position' 'Named'
        $parameters[$pName] = [pscustomobject]@{
            Name          = $pName
            Type          = $type
            Description   = ConvertTo-Paragraph $p.Lines -ExcludeCode
            ParameterSets = [string[]]@((. $get 'Parameter Sets' '(All)') -split '\s*,\s*' | Where-Object { $_ })
            Aliases       = [string[]]@((. $get 'Aliases' 'None') -split '\s*,\s*' | Where-Object { $_ -and $_ -ne 'None' })
            Required      = (. $get 'Required' 'False') -eq 'True'
            Position      = if ($position -eq 'Named') { 'named' } else { $position }
            DefaultValue  = . $get 'Default value' 'None'
            PipelineInput = . $get 'Accept pipeline input' 'False'
            Globbing      = (. $get 'Accept wildcard characters' 'False') -eq 'True'
        }
    }

    # Syntax: one item per code block; parameter names in order of appearance.
    $syntax = [Collections.Generic.List[object]]::new()
    foreach ($set in (Split-Heading (. $section 'SYNTAX') 3)) {
        $setName = ($set.Title -replace '\s*\(Default\)\s*$', '').Trim()
        foreach ($block in (Get-CodeBlock $set.Lines)) {
            $names = [string[]]@([regex]::Matches($block.Text, '(?<=[\s\[])-([A-Za-z]\w*)') | ForEach-Object { $_.Groups[1].Value })
            foreach ($n in $names) {
                if (-not $parameters.Contains($n)) { . $fail "syntax '$setName' uses -$n, which is not documented under '## PARAMETERS'" }
                $sets = $parameters[$n].ParameterSets
                if ($setName -and $setName -ne '__AllParameterSets' -and $sets -notcontains '(All)' -and $sets -notcontains $setName) {
                    . $fail "syntax '$setName' uses -$n, but its 'Parameter Sets' is '$($sets -join ', ')'"
                }
            }
            $syntax.Add([pscustomobject]@{ Name = $setName; Parameters = $names })
        }
    }
    if ($syntax.Count -eq 0) {   # no SYNTAX section: derive the sets from 'Parameter Sets'
        $all = @($parameters.Values)
        $setNames = @($all | ForEach-Object { $_.ParameterSets } | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
        if ($setNames.Count -eq 0) { $setNames = @('') }
        foreach ($sn in $setNames) {
            $syntax.Add([pscustomobject]@{ Name = $sn; Parameters = [string[]]@($all | Where-Object { $_.ParameterSets -contains '(All)' -or $_.ParameterSets -contains $sn } | ForEach-Object Name) })
        }
    }

    # Examples
    $examples = [Collections.Generic.List[object]]::new()
    foreach ($ex in (Split-Heading (. $section 'EXAMPLES') 3)) {
        if (-not $ex.Title) { continue }
        $code = Get-CodeBlock $ex.Lines
        if ($code.Count -eq 0) { . $fail "example '$($ex.Title)' has no code block" }
        $title = if ($ex.Title -match '^Example\s+\d+') { $ex.Title } else { "Example $($examples.Count + 1): $($ex.Title)" }
        $examples.Add([pscustomobject]@{
            Title   = "-------------------------- $title --------------------------"
            Code    = ($code.Text -join "`n`n")
            Remarks = ConvertTo-Paragraph $ex.Lines -ExcludeCode
        })
    }
    if ($examples.Count -eq 0) { . $fail "'## EXAMPLES' needs at least one '### Example N: ...' with a code block" }

    $types = { param($title) foreach ($t in (Split-Heading (. $section $title) 3)) { if ($t.Title) { [pscustomobject]@{ Type = $t.Title; Description = ConvertTo-Paragraph $t.Lines } } } }
    $links = foreach ($l in (. $section 'RELATED LINKS')) {
        if ($l -match '^\s*\[([^\]]+)\]\(([^)]*)\)') {
            $text, $target = $Matches[1], $Matches[2]
            [pscustomobject]@{ Text = $text; Uri = if ($target -match '^https?://') { $target } else { '' } }
        }
        elseif ($l.Trim()) { [pscustomobject]@{ Text = $l.Trim(); Uri = '' } }
    }

    [pscustomobject]@{
        Name        = $name
        Synopsis    = $synopsis
        Description = $description
        Syntax      = $syntax
        Parameters  = $parameters
        Examples    = $examples
        Inputs      = @(. $types 'INPUTS')
        Outputs     = @(. $types 'OUTPUTS')
        Notes       = ConvertTo-Paragraph (. $section 'NOTES')
        Links       = @($links)
    }
}

#endregion

#region MAML writing

function Write-Element([Xml.XmlWriter] $W, [string] $QName, [string] $Text) {
    $prefix, $local = $QName -split ':'
    $W.WriteElementString($prefix, $local, $ns[$prefix], $Text)
}
function Write-Start([Xml.XmlWriter] $W, [string] $QName) {
    $prefix, $local = $QName -split ':'
    $W.WriteStartElement($prefix, $local, $ns[$prefix])
}
function Write-Paragraphs([Xml.XmlWriter] $W, [string] $QName, [string[]] $Paragraphs) {
    Write-Start $W $QName
    if (-not $Paragraphs) { $Paragraphs = @('') }
    foreach ($para in $Paragraphs) { Write-Element $W 'maml:para' $para }
    $W.WriteEndElement()
}
function Write-Type([Xml.XmlWriter] $W, [string] $TypeName) {
    Write-Start $W 'dev:type'
    Write-Element $W 'maml:name' $TypeName
    Write-Element $W 'maml:uri' ''
    $W.WriteEndElement()
}

function Write-Parameter([Xml.XmlWriter] $W, $P, [switch] $InSyntax) {
    $isSwitch = $P.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    Write-Start $W 'command:parameter'
    $W.WriteAttributeString('required', $P.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $P.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $P.PipelineInput)
    $W.WriteAttributeString('position', $P.Position)
    $W.WriteAttributeString('aliases', $(if ($P.Aliases) { $P.Aliases -join ', ' } else { 'none' }))
    Write-Element $W 'maml:name' $P.Name
    Write-Paragraphs $W 'maml:description' $P.Description
    if (-not ($InSyntax -and $isSwitch)) {   # syntax shows switches as [-Name], not [-Name <SwitchParameter>]
        Write-Start $W 'command:parameterValue'
        $W.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', $P.Type.EndsWith('[]').ToString().ToLowerInvariant())
        $W.WriteString($P.Type)
        $W.WriteEndElement()
    }
    Write-Type $W $P.Type
    Write-Element $W 'dev:defaultValue' $(if ($isSwitch -and $P.DefaultValue -eq 'None') { 'False' } else { $P.DefaultValue })
    $W.WriteEndElement()
}

function Write-Command([Xml.XmlWriter] $W, $Help) {
    Write-Start $W 'command:command'
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $ns[$prefix]) }
    $verb, $noun = $Help.Name -split '-', 2

    Write-Start $W 'command:details'
    Write-Element $W 'command:name' $Help.Name
    Write-Element $W 'command:verb' $verb
    Write-Element $W 'command:noun' $noun
    Write-Paragraphs $W 'maml:description' $Help.Synopsis
    $W.WriteEndElement()

    Write-Paragraphs $W 'maml:description' $Help.Description

    Write-Start $W 'command:syntax'
    foreach ($item in $Help.Syntax) {
        Write-Start $W 'command:syntaxItem'
        Write-Element $W 'maml:name' $Help.Name
        foreach ($n in $item.Parameters) { Write-Parameter $W $Help.Parameters[$n] -InSyntax }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    Write-Start $W 'command:parameters'
    foreach ($p in $Help.Parameters.Values) { Write-Parameter $W $p }
    $W.WriteEndElement()

    foreach ($kind in @(@('command:inputTypes', 'command:inputType', $Help.Inputs), @('command:returnValues', 'command:returnValue', $Help.Outputs))) {
        Write-Start $W $kind[0]
        foreach ($t in $kind[2]) {
            Write-Start $W $kind[1]
            Write-Type $W $t.Type
            Write-Paragraphs $W 'maml:description' $t.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    if ($Help.Notes.Count -gt 0) {
        Write-Start $W 'maml:alertSet'
        Write-Paragraphs $W 'maml:alert' $Help.Notes
        $W.WriteEndElement()
    }

    Write-Start $W 'command:examples'
    foreach ($ex in $Help.Examples) {
        Write-Start $W 'command:example'
        Write-Element $W 'maml:title' $ex.Title
        Write-Element $W 'dev:code' $ex.Code
        Write-Paragraphs $W 'dev:remarks' $ex.Remarks
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    Write-Start $W 'command:relatedLinks'
    foreach ($link in $Help.Links) {
        Write-Start $W 'maml:navigationLink'
        Write-Element $W 'maml:linkText' $link.Text
        Write-Element $W 'maml:uri' $link.Uri
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()   # command:command
}

#endregion

$source = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($SourcePath)
if (-not (Test-Path -LiteralPath $source -PathType Container)) { throw "SourcePath '$source' is not a folder." }
$files = @(Get-ChildItem -LiteralPath $source -Filter '*.md' -File | Where-Object Name -notlike 'about_*' | Sort-Object Name)
if ($files.Count -eq 0) { throw "No cmdlet markdown files (*.md other than about_*.md) found in '$source'." }
$helps = foreach ($file in $files) { Read-HelpMarkdown $file }

if ($ListParameters) {
    foreach ($help in $helps) {
        foreach ($p in $help.Parameters.Values) {
            [pscustomobject]@{
                Command       = $help.Name
                Parameter     = $p.Name
                Type          = $p.Type
                ParameterSets = $p.ParameterSets
                Required      = $p.Required
                Position      = if ($p.Position -eq 'named') { 'Named' } else { $p.Position }
                PipelineInput = $p.PipelineInput
                Aliases       = $p.Aliases
            }
        }
    }
    return
}

$output = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)
$null = New-Item -ItemType Directory -Path ([IO.Path]::GetDirectoryName($output)) -Force
$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
$writer = [Xml.XmlWriter]::Create($output, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $ns.msh)
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($help in $helps) { Write-Command $writer $help }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
Write-Verbose "Wrote help for $(@($helps).Count) cmdlet(s) to $output"
