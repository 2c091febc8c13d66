# Private: the gopy build of package bindings. Use remotemedia.
