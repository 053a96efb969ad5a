#pragma once
// Every command a front end offers (CLI shell, GUI console, scenario player): the shell's
// builtins (already in every Shell), `sim`, kubectl, and the network commands as they arrive.
// Front ends call this once on a new Shell instead of listing the command sets themselves.
namespace kns::shell {

class Shell;

void registerStandardCommands(Shell& shell);

} // namespace kns::shell
