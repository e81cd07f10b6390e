/* cli.h: the subcommands of build/shmfault, called by main.c only. Each
 * returns the exit status. */
#ifndef SHMFAULT_CLI_H
#define SHMFAULT_CLI_H

int sf_cmd_run(int argc, char **argv);
int sf_cmd_list(int argc, char **argv);
int sf_cmd_sweep(int argc, char **argv);
int sf_cmd_gate(int argc, char **argv);
int sf_cmd_case(int argc, char **argv);

#endif
