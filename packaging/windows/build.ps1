# Builds the Windows installer: the one-folder app (PyInstaller), its signed .exe files, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Brand packaging\brands\acme]
#
# Needs: the project's venv (.venv, with '.[build]'), Inno Setup 6 (ISCC.exe on PATH or in its default folder).
# Signing (optional; see docs/packaging.md): set SIGN_CERT_FILE (+ SIGN_CERT_PASSWORD) for a .pfx file, or
# SIGN_CERT_SHA1 for a certificate in the Windows certificate store (an HSM or token shows up there too).
# SIGN_TIMESTAMP_URL defaults to DigiCert's RFC 3161 server.
param([string]$Brand = "")
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root

$python = Join-Path $root ".venv\Scripts\python.exe"
$buildArgs = @("packaging\build")
if ($Brand) { $buildArgs += @("--brand", $Brand) }
& $python @buildArgs
if ($LASTEXITCODE -ne 0) { throw "packaging/build failed" }

$packageName = "selfcheck"
if ($Brand) { $packageName = (& $python -c "import tomllib,sys; print(tomllib.load(open(sys.argv[1]+'/brand.toml','rb'))['brand'].get('package','selfcheck'))" $Brand) }
$info = Get-Content "build\$packageName\build.json" | ConvertFrom-Json

# --- signing ---------------------------------------------------------------------------------------
$timestamp = if ($env:SIGN_TIMESTAMP_URL) { $env:SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
$signArgs = $null
if ($env:SIGN_CERT_FILE) {
    $signArgs = @("sign", "/fd", "sha256", "/tr", $timestamp, "/td", "sha256", "/d", $info.name, "/f", $env:SIGN_CERT_FILE)
    if ($env:SIGN_CERT_PASSWORD) { $signArgs += @("/p", $env:SIGN_CERT_PASSWORD) }
} elseif ($env:SIGN_CERT_SHA1) {
    $signArgs = @("sign", "/fd", "sha256", "/tr", $timestamp, "/td", "sha256", "/d", $info.name, "/sha1", $env:SIGN_CERT_SHA1)
}
$signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
if ($signArgs -and -not $signtool) {
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" | Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
}
if ($signArgs) {
    # the app's own executables (Python's and Qt's DLLs keep their publishers' signatures)
    foreach ($exe in Get-ChildItem "$($info.app)\*.exe") {
        & $signtool @signArgs $exe.FullName
        if ($LASTEXITCODE -ne 0) { throw "signtool failed on $($exe.Name)" }
    }
}

# --- installer -----------------------------------------------------------------------------------------
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
$isccArgs = @(
    "/DAppName=$($info.name)", "/DAppVersion=$($info.version)", "/DAppId=$($info.app_id)",
    "/DSourceDir=$($info.app)", "/DIconFile=$($info.icon)", "/DOutputDir=$root\build",
    "/DOutputName=$($info.package)-$($info.version)-setup"
)
if ($info.company) { $isccArgs += "/DCompany=$($info.company)" }
if ($info.homepage) { $isccArgs += "/DHomepage=$($info.homepage)" }
if ($signArgs) {
    $quoted = ($signArgs | ForEach-Object { if ($_ -match '\s') { '$q' + $_ + '$q' } else { $_ } }) -join ' '
    $isccArgs += @("/DSign=1", "/Ssigntool=`$q$signtool`$q $quoted `$f")
}
& $iscc @isccArgs "packaging\windows\selfcheck.iss"
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Write-Host "installer: build\$($info.package)-$($info.version)-setup.exe"
