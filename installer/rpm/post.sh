# The service account of quotawatch-server.service, and systemd told about the new units.
systemd-sysusers quotawatch.conf || :
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || :
    systemctl try-restart quotawatch-server.service || :
fi
