; NSIS installer of the counter program: per-user (no administrator rights), Start-menu
; entry, an uninstaller in "Apps & features" that removes the program and keeps the data.
;
;   makensis -DVERSION=0.1.0 -DSRCDIR=dist\mpp-counter [-DOUTFILE=...] mpp-counter.nsi
;
; SRCDIR is the PyInstaller folder (packaging/mpp-counter.spec). The clerk's data lives in
; %LOCALAPPDATA%\mpp-counter, apart from the program in %LOCALAPPDATA%\Programs\mpp-counter:
; the uninstaller never touches it, so an uninstall or an upgrade loses nothing.

!ifndef VERSION
  !error "pass -DVERSION=x.y.z (the version of pyproject.toml)"
!endif
!ifndef SRCDIR
  !error "pass -DSRCDIR=<the PyInstaller folder dist\mpp-counter>"
!endif
!ifndef OUTFILE
  !define OUTFILE "mpp-counter-${VERSION}-setup.exe"
!endif
!ifndef VIVERSION  ; the file version resource wants four numbers: pass it for a pre-release
  !define VIVERSION "${VERSION}.0"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\..\..\resources\icons\mpp-counter.ico"
!endif

!define APPNAME "MPP Counter"
!define APPKEY "mpp-counter"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPKEY}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "mpp-counter ${VERSION}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\mpp-counter.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Apache-2.0"

Function .onInit
  SetShellVarContext current
FunctionEnd

; Never install into the data folder: the uninstaller removes what it installed there.
Function .onVerifyInstDir
  StrCmp "$INSTDIR" "$LOCALAPPDATA\${APPKEY}" 0 +2
    Abort
FunctionEnd

Section "!${APPNAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the program's files wholesale, so no stale module survives
  RMDir /r "$INSTDIR\_internal"
  File /r "${SRCDIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\mpp-counter.exe" "" \
    "$INSTDIR\mpp-counter.exe" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "mpp-counter developers"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\mpp-counter.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; Removes only what the installer put there. The data in %LOCALAPPDATA%\mpp-counter (the
; encrypted store, its key file, logs) stays: it holds records not yet sent and the audit
; trail; an administrator deletes it deliberately, never an uninstall.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\mpp-counter.exe"
  Delete "$INSTDIR\mpp-counter-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\Uninstall ${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
