#pragma once
// The shell's own commands. Each group registers itself; Shell's constructor calls
// registerBuiltins().
namespace kns::shell {

class Shell;

void registerBuiltins(Shell& shell);      // all of the below
void registerTextFilters(Shell& shell);   // grep, head, tail, wc, sort (text_filters.cpp)
void registerShellBuiltins(Shell& shell); // echo, seq, sleep, history, help, clear, exit, true, false

} // namespace kns::shell
