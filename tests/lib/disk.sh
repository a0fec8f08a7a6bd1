# Sourced by the command-line tests that need an output folder nobody may
# write to, or a full disk. Each helper returns non-zero where this machine
# cannot do it (the caller then skips that test and says so). Call
# disk_cleanup from the EXIT trap, before removing the temporary folder.

disk_mounts=()

# readonly_dir DIR: DIR, with what is in it, can no longer be written to.
# Not root: chmod. Root ignores permissions: a read-only bind mount of DIR
# onto itself (needs mount rights; containers may lack them).
readonly_dir() {
    if [ "$(id -u)" -ne 0 ]; then
        chmod a-w "$1"
        return
    fi
    mount --bind "$1" "$1" 2>/dev/null || return 1
    disk_mounts+=("$1")
    mount -o remount,bind,ro "$1" "$1" 2>/dev/null && return 0
    writable_dir "$1"
    return 1
}

writable_dir() { # DIR: undoes readonly_dir
    if [ "$(id -u)" -ne 0 ]; then
        chmod u+w "$1"
    else
        umount "$1" 2>/dev/null
    fi
}

# small_disk DIR: DIR becomes a 64 KiB tmpfs (root with mount rights only).
small_disk() {
    [ "$(id -u)" -eq 0 ] || return 1
    mkdir -p "$1" && mount -t tmpfs -o size=64k tmpfs "$1" 2>/dev/null || return 1
    disk_mounts+=("$1")
}

# fill_disk DIR: the disk holding DIR has no byte left.
fill_disk() {
    dd if=/dev/zero of="$1/.fill" bs=1024 2>/dev/null
    return 0
}

disk_cleanup() {
    local m
    for m in "${disk_mounts[@]}"; do
        umount "$m" 2>/dev/null
    done
    disk_mounts=()
}
