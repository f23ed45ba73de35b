# The Debian package (`cmake --build build --target package`, docs/operations.md):
# poster, its systemd units and its default config, laid out as Debian lays out
# a service. The paths are the package's, not the build's prefix: the units name
# /usr/bin/poster, so everything installs under / through CPack's DESTDIR (a
# plain `cmake --install build` would write into this machine's /usr and /etc:
# install the package instead).

set(POSTER_PACKAGE_MAINTAINER "poster maintainers <poster@localhost>"
    CACHE STRING "The Maintainer field of the Debian package")
set(packaging ${PROJECT_SOURCE_DIR}/packaging)

install(TARGETS poster RUNTIME DESTINATION /usr/bin)
install(PROGRAMS ${packaging}/poster-init-data ${packaging}/poster-backup
        DESTINATION /usr/lib/poster)
install(FILES ${packaging}/poster.service ${packaging}/poster-backup.service
              ${packaging}/poster-backup.timer
        DESTINATION /lib/systemd/system)
# The conffiles (packaging/conffiles): dpkg keeps an admin's edits on upgrade.
install(FILES ${PROJECT_SOURCE_DIR}/assets/contest.toml DESTINATION /etc/poster)
install(FILES ${packaging}/poster.default DESTINATION /etc/default RENAME poster
        PERMISSIONS OWNER_READ OWNER_WRITE)  # it may hold the SMTP password
install(FILES ${packaging}/copyright ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/docs/operations.md
        DESTINATION /usr/share/doc/poster)
# The tested nginx front (docs/operations.md "Behind nginx with TLS"), to copy.
install(FILES ${packaging}/nginx/poster.conf DESTINATION /usr/share/doc/poster/examples
        RENAME nginx-poster.conf)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME poster)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_SET_DESTDIR ON)  # absolute destinations above land in the package, not on this machine
set(CPACK_INSTALL_PREFIX /usr)  # else an empty /usr/local (the build's prefix) is packed
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "AI poster contest for a city hall (upload, review, vote, judge, award)")
# The control file's first line is the summary; this paragraph follows it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "poster runs a Korean city government's contest of posters made with AI tools:
staff upload posters, moderators review them, staff vote, judges score, and
the winners are announced in award tiers, with a tamper-evident audit log.
The package runs the web app as the poster.service systemd unit on
127.0.0.1:8080 for a reverse proxy to publish, keeps the contest in
/var/lib/poster and backs it up nightly into /var/backups/poster.")
set(CPACK_PACKAGE_CONTACT "${POSTER_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${POSTER_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # poster_VERSION_ARCH.deb
# dpkg-shlibdeps names the libraries the binary links; beside them, adduser for
# the postinst and tzdata for the contest's time zone (/usr/share/zoneinfo).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${packaging}/conffiles ${packaging}/postinst ${packaging}/prerm ${packaging}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
