; Inno Setup script: a per-user installer for the one-folder app (no administrator rights needed).
;
; Build the app first, then compile (values come from packaging/windows/build.ps1, or by hand):
;   python packaging\build [--brand DIR]
;   ISCC.exe /DAppName="selfcheck" /DAppVersion=0.1.0 /DAppId=org.selfcheck.SelfCheck ^
;            /DSourceDir=build\selfcheck\dist\selfcheck /DIconFile=build\selfcheck\app.ico ^
;            /DOutputDir=build /DOutputName=selfcheck-0.1.0-setup packaging\windows\selfcheck.iss
;
; Signing (docs/packaging.md, "Windows signing"): define a sign tool named "signtool" on the ISCC command line
; and pass /DSign=1; Inno Setup then signs the installer and the uninstaller it embeds:
;   ISCC.exe /DSign=1 "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /f $qC:\certs\company.pfx$q /p $qPASSWORD$q $f" ...
; (or "/a" to pick the certificate from the Windows certificate store, or a cloud HSM's signing command).
; The app's own .exe files are signed before this step by packaging/windows/build.ps1.

; ---- branding variables (defaults: plain selfcheck) ---------------------------------------------
#ifndef AppName
  #define AppName "selfcheck"
#endif
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppId
  #define AppId "org.selfcheck.SelfCheck"
#endif
#ifndef Company
  #define Company "selfcheck developers"
#endif
#ifndef Homepage
  #define Homepage "https://github.com/selfcheck/selfcheck"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\selfcheck\dist\selfcheck"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\selfcheck\app.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build"
#endif
#ifndef OutputName
  #define OutputName "selfcheck-" + AppVersion + "-setup"
#endif
#define GuiExe "selfcheck-gui.exe"
#define CliExe "selfcheck.exe"

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: one per brand, never changed afterwards.
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Company}
AppPublisherURL={#Homepage}
AppSupportURL={#Homepage}
VersionInfoVersion={#AppVersion}
VersionInfoCompany={#Company}
VersionInfoDescription={#AppName} installer
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
; per user: installs under %LOCALAPPDATA%\Programs, shortcuts in the user's Start menu, no UAC prompt
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder app; replaced as a whole on upgrade
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of an older version that the new one no longer has
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
; AppUserModelID: Windows shows a desktop app's notifications only under an id a Start-menu shortcut carries
; (Microsoft, ToastNotificationManager.CreateToastNotifier); the app uses the same id (selfcheck.buildinfo.app_user_model_id)
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Registry]
; support's request links (selfcheck://request/CODE) open the app: "selfcheck-gui.exe" "selfcheck://request/CODE"
; HKA is the current user's classes on a per-user install, the machine's on an all-users one; removed on uninstall
Root: HKA; Subkey: "Software\Classes\selfcheck"; ValueType: string; ValueName: ""; ValueData: "URL:selfcheck support request"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\selfcheck"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\selfcheck\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKA; Subkey: "Software\Classes\selfcheck\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
; the at-login sending of a message still waiting (selfcheck.upload.atlogin: the program adds it, never the installer):
; not written here (none, dontcreatekey), removed at uninstall so no login starts a program that is gone
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "selfcheck outbox"; Flags: dontcreatekey uninsdeletevalue

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; the light scans' schedule of the user who uninstalls (selfcheck.history.background: "selfcheck background" in their Task Scheduler)
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""selfcheck background"""; Flags: runhidden; RunOnceId: "RemoveLightScans"
; the at-login sending as a task at logon (selfcheck.upload.atlogin, when its command is too long for the Run value)
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""selfcheck outbox"""; Flags: runhidden; RunOnceId: "RemoveLoginSending"

[UninstallDelete]
; only what the installer put there; the user's own folders (%APPDATA%\selfcheck: history, logs, outbox) are kept
Type: filesandordirs; Name: "{app}\_internal"

[CustomMessages]
english.AppComment=Check this computer and get help from support
french.AppComment=Vérifier cet ordinateur et obtenir l’aide de l’assistance
