// Process-wide protections for a program that holds secrets in memory.
#pragma once

namespace qw {

// Disables core dumps (which would write decrypted keys to disk) and, on Linux, marks the
// process non-dumpable so other processes of the same user cannot read its memory via ptrace.
void hardenProcess();

} // namespace qw
