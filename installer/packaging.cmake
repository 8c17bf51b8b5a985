# Installation beyond the executable and the desktop files, and the packages CPack makes from it:
# DEB, RPM and TGZ on Linux, an NSIS installer on Windows, a DragNDrop disk image on macOS.
# Included from the top-level CMakeLists.txt after every target exists. `cpack -G DEB` (etc.) in
# the build folder makes a package; installer/README.md says what was tried on which platform.
include(GNUInstallDirs)

set(QW_INSTALLER_DIR "${CMAKE_CURRENT_LIST_DIR}")

# --- systemd units and the service account (Linux) ---------------------------------------------
if(UNIX AND NOT APPLE)
    # The units name the executable by its absolute path, which is known only at install time:
    # a package installs under /usr (CPACK_PACKAGING_INSTALL_PREFIX), `cmake --install` under
    # whatever prefix it is given. So the units are written by the install step itself.
    set(QW_UNITS_BINARY_DIR "${CMAKE_CURRENT_BINARY_DIR}/installer/systemd")
    install(CODE "
        set(QW_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
        foreach(unit quotawatch quotawatch-server)
            configure_file(\"${QW_INSTALLER_DIR}/systemd/\${unit}.service.in\"
                \"${QW_UNITS_BINARY_DIR}/\${unit}.service\" @ONLY)
        endforeach()
    ")
    # lib/systemd and lib/sysusers.d under the prefix: /usr/lib/… for the packages (both Debian 12
    # with its merged /usr and Fedora), /usr/local/lib/… for a tarball or a source install, which
    # systemd searches as well.
    install(FILES "${QW_UNITS_BINARY_DIR}/quotawatch.service" DESTINATION lib/systemd/user)
    install(FILES "${QW_UNITS_BINARY_DIR}/quotawatch-server.service" DESTINATION lib/systemd/system)
    install(FILES "${QW_INSTALLER_DIR}/systemd/quotawatch.sysusers" DESTINATION lib/sysusers.d
        RENAME quotawatch.conf)
endif()

# --- Windows and macOS: Qt and the other libraries next to the executable -----------------------
if(WIN32 OR APPLE)
    # windeployqt / macdeployqt at install time (so for `cpack` too): Qt's libraries, plugins
    # (platform, sql drivers, TLS backends, styles) and Qt's own translations.
    qt_generate_deploy_app_script(TARGET quotawatch FILENAME_VARIABLE QW_DEPLOY_SCRIPT
        NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT "${QW_DEPLOY_SCRIPT}")
endif()
if(WIN32)
    # windeployqt copies only Qt: QtKeychain, OpenSSL, libcurl and libjwt (vcpkg's DLLs) are found
    # from the executable's imports in the folders of CMAKE_PREFIX_PATH and the vcpkg tree.
    set(QW_DLL_DIRS "")
    foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
        list(APPEND QW_DLL_DIRS "${prefix}/bin")
    endforeach()
    if(DEFINED VCPKG_INSTALLED_DIR AND DEFINED VCPKG_TARGET_TRIPLET)
        list(APPEND QW_DLL_DIRS "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}/bin")
    endif()
    install(CODE "
        file(GET_RUNTIME_DEPENDENCIES
            EXECUTABLES \"$<TARGET_FILE:quotawatch>\"
            RESOLVED_DEPENDENCIES_VAR qw_resolved
            UNRESOLVED_DEPENDENCIES_VAR qw_unresolved
            DIRECTORIES ${QW_DLL_DIRS}
            PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^Qt6\"
            POST_EXCLUDE_REGEXES \".*[Ss]ystem32/.*\")
        file(INSTALL \${qw_resolved} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    ")
    # The compiler's runtime (MSVC's vcruntime/msvcp DLLs) in the installer as well.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
    include(InstallRequiredSystemLibraries)
endif()

# --- CPack --------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "quotawatch")
set(CPACK_PACKAGE_VENDOR "QuotaWatch")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "QuotaWatch checks the remaining balance, credit or quota of many API keys across many AI "
    "providers on a schedule, keeps the history of every check, charts it, and warns in the "
    "system tray, by e-mail or by webhook before a key runs dry or stops working. The same "
    "program runs headless as a service (quotawatch serve) with a local REST API.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/quotawatch/quotawatch")
set(CPACK_PACKAGE_CONTACT "QuotaWatch maintainers <maintainers@quotawatch.invalid>")
# The project has not chosen its licence yet (there is no LICENSE file): QW_LICENSE and the text
# the Windows installer shows say so until one is added.
set(QW_LICENSE "LicenseRef-QuotaWatch-undecided" CACHE STRING "SPDX licence expression of the packages")
if(EXISTS "${PROJECT_SOURCE_DIR}/LICENSE")
    set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
else()
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/installer/LICENSE.txt"
        "QuotaWatch ${PROJECT_VERSION}\n\nThe licence of QuotaWatch has not been chosen yet.\n")
    set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_BINARY_DIR}/installer/LICENSE.txt")
endif()
set(CPACK_PACKAGE_INSTALL_DIRECTORY "QuotaWatch")
set(CPACK_PACKAGE_EXECUTABLES "quotawatch" "QuotaWatch")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build[^/]*/" "/\\\\.git/")

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;RPM;TGZ")
endif()

# DEB: the library packages come from dpkg-shlibdeps (the executable's imports); what is loaded
# at run time as a plugin or found over D-Bus is named here, since no import reveals it.
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ca-certificates: every provider is reached over HTTPS, and Qt's OpenSSL backend (in
# libqt6network6) trusts the system's certificate store.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, libqt6sql6-psql, libqt6network6, libqt6keychain1, libssl3, libcurl4, libjwt0, ca-certificates")
if(WITH_GUI)
    # The platform plugins (xcb, wayland) the desktop window needs; a headless build goes without.
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", qt6-qpa-plugins")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${QW_INSTALLER_DIR}/debian/postinst;${QW_INSTALLER_DIR}/debian/prerm;${QW_INSTALLER_DIR}/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# RPM (Fedora names): rpmbuild adds the sonames of the imports itself (AUTOREQ); the plugins
# and the packages that carry them are named here.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "${QW_LICENSE}")
set(CPACK_RPM_PACKAGE_GROUP "Applications/System")
set(CPACK_RPM_PACKAGE_URL "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_REQUIRES
    "qt6-qtbase >= 6.4, qt6-qtbase-postgresql, qt6-qthttpserver, qt6-qtwebsockets, qtkeychain-qt6, openssl-libs >= 3.0, libcurl, libjwt, ca-certificates")
if(WITH_GUI)
    string(APPEND CPACK_RPM_PACKAGE_REQUIRES ", qt6-qtbase-gui, qt6-qtcharts")
endif()
set(CPACK_RPM_PACKAGE_SUGGESTS "gnome-keyring")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE "${QW_INSTALLER_DIR}/rpm/post.sh")
set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE "${QW_INSTALLER_DIR}/rpm/preun.sh")
set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE "${QW_INSTALLER_DIR}/rpm/postun.sh")
# Folders other packages own (filesystem, systemd, hicolor-icon-theme) are not claimed.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib/systemd /usr/lib/systemd/system /usr/lib/systemd/user /usr/lib/sysusers.d
    /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)
foreach(size 16 22 24 32 48 64 128 256)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()

# TGZ: a tree to unpack under /usr/local (bin/, share/, lib/systemd/ …).
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)

# NSIS: a per-machine installer with a Start-menu shortcut and an uninstaller. Installing a new
# version over an old one first runs the old uninstaller silently (same registry key), so an
# upgrade never leaves two entries or stale files.
set(CPACK_NSIS_PACKAGE_NAME "QuotaWatch")
set(CPACK_NSIS_DISPLAY_NAME "QuotaWatch")
set(CPACK_NSIS_MUI_ICON "${QW_INSTALLER_DIR}/windows/quotawatch.ico")
set(CPACK_NSIS_MUI_UNIICON "${QW_INSTALLER_DIR}/windows/quotawatch.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\quotawatch.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "${CMAKE_INSTALL_BINDIR}")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "quotawatch.exe")
# The Start-menu shortcut comes from CPACK_PACKAGE_EXECUTABLES (bin\quotawatch.exe, "QuotaWatch").
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
# The registry key (HKLM\Software\QuotaWatch and the uninstall entry) stays the same across
# versions: that is what lets a new installer find and remove the old one.
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "QuotaWatch")
# The uninstaller also removes the "launch at login" Run value the app may have written.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS
    "DeleteRegValue HKCU 'Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run' 'QuotaWatch'")

# DragNDrop: QuotaWatch.app and a link to /Applications in the disk image.
# The disk image's volume icon (NSIS would want a .bmp banner here, so it is set for macOS only).
if(APPLE)
    set(CPACK_PACKAGE_ICON "${QW_INSTALLER_DIR}/macos/quotawatch.icns")
endif()
set(CPACK_DMG_VOLUME_NAME "QuotaWatch ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)

include(CPack)
