# Stop the service when the package is erased (not on an upgrade: $1 is 0 only on erase).
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl stop quotawatch-server.service || :
fi
