/* personalities.c: the platforms, one table each (see personalities.h).
 * Every row cites its rule id of reference/platforms.md §10 and the sources
 * named there; `shmfault list --personality NAME` prints these rows. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "oneline.h"
#include "personalities.h"
#include "pm_rows.h"

#define R(id_, call_, check_, err_, arg_, what_, cond_, expect_, conf_, src_) \
	{.id = id_, .call = call_, .check = check_, .err = err_, .arg = arg_, .what = what_, \
	 .condition = cond_, .expect = expect_, .confidence = conf_, .source = src_}
#define OPTIN(id_, call_, check_, err_, arg_, what_, cond_, expect_, conf_, src_, opt_) \
	{.id = id_, .call = call_, .check = check_, .err = err_, .arg = arg_, .what = what_, \
	 .condition = cond_, .expect = expect_, .confidence = conf_, .source = src_, \
	 .flags = SF_PR_OPTIN, .option = opt_}
#define BIT(c) (1ll << (c))
#define ALL SF_NCALLS
#define MiB (1ll << 20)
#define GiB (1ll << 30)

/* The commands IPC_STAT-like rows rewrite, and the Linux-only ones. */
#define LINUX_ONLY_CMDS (BIT(IPC_INFO) | BIT(SHM_INFO) | BIT(SHM_STAT) | BIT(SHM_STAT_ANY))
#define LOCK_CMDS (BIT(SHM_LOCK) | BIT(SHM_UNLOCK))

/* The opt-in ftok trap, offered by every personality (GT1). */
#define GT1_ROW                                                                                          \
	OPTIN("GT1", SF_FTOK, SF_PK_FTOK_REUSE, 0, 0, "key follows the file, not its inode number",                \
	      "ftok on a key file that was deleted and recreated (same inode reused)",                         \
	      "another key", "High", "platforms.md GT1, 9.4 inode reuse; HP-ftok; POSIX ftok (unspecified)",   \
	      "ftok-inode-reuse")

/* linux: the kernel as it is. Nothing is simulated unless --limit or
 * SHMFAULT_OPTIONS asks; the rows say where the kernel already does it. */
static const struct sf_prule linux_rules[] = {
	R("LX1", SF_SHMGET, SF_PK_KERNEL, 0, 0, "existing key order", "existing key: EEXIST, then EINVAL (size), then EACCES",
	  "EEXIST/EINVAL/EACCES", "High", "platforms.md LX1; L-util ipcget_public, L-shm shm_more_checks"),
	R("LX2", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size 0, or size > shmmax (--limit shmmax)",
	  "EINVAL", "High", "platforms.md LX2; L-shm newseg"),
	R("LX3", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "segment table full", "create when shmmni segments live (4096, or --limit shmmni)",
	  "ENOSPC", "High", "platforms.md LX3; L-util ipc_addid"),
	R("LX4", SF_SHMGET, SF_PK_SHMALL, ENOSPC, 0, "total size above shmall", "create past shmall pages (--limit shmall)",
	  "ENOSPC", "High", "platforms.md LX4; L-shm newseg"),
	R("LX5", SF_SHMGET, SF_PK_KERNEL, 0, 0, "segsz unrounded", "shm_segsz = requested size; larger lookup -> EINVAL",
	  "EINVAL", "High", "platforms.md LX5"),
	R("LX6", SF_SHMAT, SF_PK_SHMSEG, ENOMEM, 0, "attach past the map count", "no SHMSEG: ENOMEM at vm.max_map_count (--limit shmseg=N simulates N)",
	  "ENOMEM", "High", "platforms.md LX6; L-mm DEFAULT_MAX_MAP_COUNT"),
	R("LX7", SF_SHMAT, SF_PK_KERNEL, 0, 0, "repeated attach", "the same segment attached again", "ok", "High", "platforms.md LX7; MAN shmop.2"),
	R("LX8", SF_SHMAT, SF_PK_KERNEL, 0, 0, "attach after IPC_RMID", "removed but attached: shmat and IPC_STAT ok (key 0, mode|01000)",
	  "ok", "High", "platforms.md LX8; MAN shmctl.2"),
	R("LX9", SF_SHMAT, SF_PK_KERNEL, 0, 0, "id gone", "after the last detach of a removed segment: shmat/shmctl",
	  "EINVAL", "High", "platforms.md LX9"),
	R("LX10", SF_SHMAT, SF_PK_NONE, EIDRM, 0, "EIDRM race",
	  "racing destruction (not simulated: inject with -e 'shmat:error=EIDRM:prob=P')", "EIDRM", "Medium",
	  "platforms.md LX10; L-shm do_shmat"),
	R("LX11", SF_SHMAT, SF_PK_KERNEL, 0, 0, "bad address", "unaligned without SHM_RND, occupied range without SHM_REMAP",
	  "EINVAL", "High", "platforms.md LX11; L-shm do_shmat"),
	R("LX12", SF_SHMDT, SF_PK_KERNEL, 0, 0, "shmdt not at a start", "shmdt of an address that no attachment starts at",
	  "EINVAL", "High", "platforms.md LX12; L-shm ksys_shmdt"),
	R("LX13", SF_SHMCTL, SF_PK_KERNEL, 0, 0, "non-owner", "non-owner IPC_RMID/IPC_SET/SHM_LOCK; IPC_STAT without read",
	  "EPERM/EACCES", "High", "platforms.md LX13; L-util ipcctl_obtain_check"),
	R("LX14", SF_SHMGET, SF_PK_KERNEL, 0, 0, "id 0", "first id in a fresh namespace", "0", "High", "platforms.md LX14"),
	R("LX15", SF_SHMAT, SF_PK_KERNEL, 0, 0, "fork/exec/exit", "fork: nattch+1; exec and exit detach", "ok", "High",
	  "platforms.md LX15; MAN shmop.2"),
	R("LX16", SF_SHMDT, SF_PK_KERNEL, 0, 0, "shm_rmid_forced", "with kernel.shm_rmid_forced=1 (the kernel's own switch)",
	  "destroyed at nattch 0", "High", "platforms.md LX16; L-shm shm_may_destroy"),
	R("LX17", SF_FTOK, SF_PK_KERNEL, 0, 0, "glibc ftok", "(ino&0xffff)|(dev&0xff)<<16|(id&0xff)<<24; id 0 accepted",
	  "key", "High", "platforms.md LX17; GLIBC ftok.c"),
	GT1_ROW,
};

/* The post-IPC_RMID refusal: one row per call, same id. */
#define RMID_ROWS(id_, conf_, src_)                                                                     \
	R(id_, SF_SHMAT, SF_PK_RMID, EINVAL, 0, "attach after IPC_RMID refused",                              \
	  "shmat by id after IPC_RMID, while still attached", "EINVAL", conf_, src_),                          \
	R(id_, SF_SHMCTL, SF_PK_RMID, EINVAL, 0, "shmctl after IPC_RMID refused",                             \
	  "IPC_STAT/IPC_SET/IPC_RMID/SHM_LOCK on an id after IPC_RMID", "EINVAL", conf_, src_)

static const struct sf_prule posix_rules[] = {
	R("PX1", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size 0 or size > SHMMAX (--limit shmmax)",
	  "EINVAL", "High", "platforms.md PX1; POSIX shmget"),
	R("PX2", SF_SHMGET, SF_PK_KERNEL, 0, 0, "existing smaller", "existing key, size > segsz, size != 0", "EINVAL", "High",
	  "platforms.md PX2; POSIX shmget"),
	R("PX3", SF_SHMGET, SF_PK_KERNEL, 0, 0, "exists / absent", "IPC_CREAT|IPC_EXCL on existing key; absent key without IPC_CREAT",
	  "EEXIST/ENOENT", "High", "platforms.md PX3; POSIX shmget"),
	R("PX4", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "segment table full", "create when SHMMNI segments live (--limit shmmni)",
	  "ENOSPC", "High", "platforms.md PX4; POSIX shmget"),
	RMID_ROWS("PX5", "High", "platforms.md PX5; POSIX shmctl (IPC_RMID removes the identifier)"),
	R("PX6", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "attach past the per-process limit",
	  "attach when SHMSEG are held (implementation-defined: --limit shmseg)", "EMFILE", "High", "platforms.md PX6; POSIX shmat"),
	R("PX7", SF_SHMDT, SF_PK_KERNEL, 0, 0, "shmdt not at a start", "shmdt of an address no attachment starts at", "EINVAL",
	  "High", "platforms.md PX7; POSIX shmdt"),
	R("PX8", SF_SHMCTL, SF_PK_KERNEL, 0, 0, "non-owner", "IPC_SET/IPC_RMID by non-owner; IPC_STAT without read",
	  "EPERM/EACCES", "High", "platforms.md PX8; POSIX shmctl"),
	R("PX9", SF_SHMGET, SF_PK_KERNEL, 0, 0, "zero fill", "new segment zero-filled, nattch/lpid/atime/dtime 0", "0", "High",
	  "platforms.md PX9; POSIX shmget"),
	R("PX10", SF_FTOK, SF_PK_KERNEL, 0, 0, "8 bits of id", "ftok uses only the low 8 bits of id", "key", "High",
	  "platforms.md PX10; POSIX ftok"),
	R("PX-shmall", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall",
	  "create past --limit shmall pages (POSIX: not enough memory)", "ENOMEM", "Medium", "POSIX shmget ENOMEM"),
	PM_POSIX_ROWS,
	GT1_ROW,
};

#define AIX_LIMIT_ROWS(p_)                                                                              \
	R(p_ "-shmmax", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size > --limit shmmax", \
	  "EINVAL", "Medium", "AIX-shmget (limits fixed, values not retrieved: platforms.md 7)"),              \
	R(p_ "-shmmni", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "segment table full", "create past --limit shmmni", \
	  "ENOSPC", "Medium", "AIX-shmget [I] (platforms.md 1)"),                                               \
	R(p_ "-shmall", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall", "create past --limit shmall pages", \
	  "ENOMEM", "Low", "AIX-shmget [I]")

static const struct sf_prule aix_rules[] = {
	R("AX1", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "12th attach refused",
	  "12th concurrent attach in a 32-bit process (11 segments; --limit shmseg)", "EMFILE", "High",
	  "platforms.md AX1; AIX-lim, MQ-AIX (errno [I] Medium-High)"),
	R("AX2", SF_SHMAT, SF_PK_EXTSHM, 0, 0, "EXTSHM lifts the limit",
	  "EXTSHM=ON (or 1SEG, MSEG) in the environment at program start: no attach count limit", "ok", "Medium",
	  "platforms.md AX2; AIX-perf, MQ-AIX"),
	R("AX3", SF_SHMAT, SF_PK_NONE, EMFILE, 0, "large segments use several slots",
	  "not simulated: a segment > 256 MB uses several slots (needs its size on every shmat)", "EMFILE", "Medium",
	  "platforms.md AX3; AIX-shmat"),
	R("AX4", SF_SHMAT, SF_PK_NONE, EMFILE, 0, "large maxdata, fewer slots",
	  "not simulated: count unknown (use --limit shmseg=N)", "EMFILE", "Medium", "platforms.md AX4; MQ-AIX"),
	RMID_ROWS("AX5", "Low", "platforms.md AX5 [I]; 9.2"),
	AIX_LIMIT_ROWS("AX"),
	GT1_ROW,
};

static const struct sf_prule aix64_rules[] = {
	R("AY1", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "attach past 268435456",
	  "attach when 268435456 are held (effectively none; --limit shmseg)", "EMFILE", "High", "platforms.md AY1; AIX-lim"),
	RMID_ROWS("AX5", "Low", "platforms.md AX5 [I]; 9.2 (AIX, either address model)"),
	AIX_LIMIT_ROWS("AY"),
	GT1_ROW,
};

/* What the HP-UX personalities share (all but HP3). */
#define HP_COMMON_ROWS                                                                                   \
	R("HP1", SF_SHMAT, SF_PK_SAME_SEG, EINVAL, 0, "second attach of the same segment refused",             \
	  "shmat of a segment this process already has attached, whatever shmaddr", "EINVAL", "High",           \
	  "platforms.md HP1; HP-shmop"),                                                                        \
	R("HP2", SF_SHMAT, SF_PK_GLOBAL_ADDR, EINVAL, 0, "shmaddr not the segment's address",                   \
	  "non-zero shmaddr on a first attach, or other than the segment's address later; 0 attaches at that address", \
	  "EINVAL", "High", "platforms.md HP2; HP-shmop"),                                                      \
	R("HP4", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "attach past shmseg",                                       \
	  "(shmseg+1)th concurrent attach, shmseg 300 (11i v2/v3; 120 in 11i v1: --limit shmseg=120)", "EMFILE", \
	  "Medium", "platforms.md HP4; HP-tun shmseg"),                                                         \
	R("HP5", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size > shmmax (1 GiB, 11i v3)", \
	  "EINVAL", "High", "platforms.md HP5; HP-tun shmmax"),                                                 \
	RMID_ROWS("HP6", "High", "platforms.md HP6; HP-shmop (shmctl [I])"),                                    \
	R("HP7", SF_FTOK, SF_PK_FTOK_REUSE, 0, 0, "key follows the file, not its inode number",                 \
	  "ftok on a key file that was deleted and recreated (same inode reused); a deleted file -> -1",        \
	  "another key", "High", "platforms.md HP7; HP-ftok"),                                                  \
	R("HP-shmmni", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "segment table full", "create past --limit shmmni", "ENOSPC", \
	  "High", "HP-shmget ENOSPC; HP-tun shmmni (11i v3 default not known)"),                                \
	R("HP-shmall", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall", "create past --limit shmall pages", \
	  "ENOMEM", "Medium", "HP-shmget ENOMEM (no SHMALL tunable known)")

static const struct sf_prule hpux_rules[] = {
	HP_COMMON_ROWS,
	{.id = "HP3", .call = SF_SHMGET, .check = SF_PK_VARIANT, .err = EINVAL, .what = "32-bit lookup without IPC_SHARE32",
	 .condition = "a 32-bit process looking up a segment of a 64-bit one: personality hpux32", .expect = "EINVAL",
	 .confidence = "High", .source = "platforms.md HP3; HP-shmget", .option = "hpux32"},
};

/* A 32-bit HP-UX process: the segments it did not create come from 64-bit
 * processes that did not pass IPC_SHARE32 (a flag Linux does not have). */
static const struct sf_prule hpux32_rules[] = {
	HP_COMMON_ROWS,
	R("HP3", SF_SHMGET, SF_PK_SHARE32, EINVAL, 0, "32-bit lookup without IPC_SHARE32",
	  "shmget of an existing key whose segment no process of the run created (a 64-bit creator without IPC_SHARE32)",
	  "EINVAL", "High", "platforms.md HP3; HP-shmget"),
};

/* What Solaris 9 and 10+ share. */
#define SO_COMMON_ROWS                                                                                   \
	R("SO4", SF_SHMGET, SF_PK_KEY_ORDER, 0, 0, "existing key order",                                        \
	  "existing key: EEXIST, then EACCES (requested bits not a subset of the mode, credentials ignored), then EINVAL (size)", \
	  "EEXIST/EACCES/EINVAL", "High", "platforms.md SO4; I-ipc ipc_keylookup"),                             \
	RMID_ROWS("SO5", "High", "platforms.md SO5; I-ipc ipc_rmid, ipc_lookup"),                               \
	R("SO6", SF_SHMCTL, SF_PK_STAT_MODE, 0, 0100000, "IPC_STAT mode has IPC_ALLOC",                        \
	  "IPC_STAT: shm_perm.mode includes IPC_ALLOC 0100000", "mode|0100000", "High",                         \
	  "platforms.md SO6, GT4; I-ipc ipcperm_stat"),                                                         \
	R("SO7", SF_SHMCTL, SF_PK_LOCK_PRIV, EPERM, 0, "SHM_LOCK without privilege",                            \
	  "SHM_LOCK/SHM_UNLOCK without PRIV_PROC_LOCK_MEMORY (CAP_IPC_LOCK here), even for the owner", "EPERM", \
	  "High", "platforms.md SO7; I-man shmctl.2"),                                                          \
	R("SO8", SF_SHMAT, SF_PK_KERNEL, 0, 0, "fixed address overlap", "fixed address overlapping a mapping", "EINVAL", \
	  "High", "platforms.md SO8; I-shm"),                                                                   \
	R("SO9", SF_SHMDT, SF_PK_KERNEL, 0, 0, "shmdt sets lpid", "shmdt updates shm_lpid", "lpid", "High",    \
	  "platforms.md SO9; I-shm shm_detach"),                                                                \
	R("SO10", SF_FTOK, SF_PK_FTOK_BITS, 0, 12, "ftok keeps 12 inode bits",                                  \
	  "ftok = id<<24 | (dev&0xfff)<<12 | (ino&0xfff): inodes 4096 apart collide", "key", "High",           \
	  "platforms.md SO10; I-ftok")

static const struct sf_prule solaris_rules[] = {
	R("SO1", SF_SHMAT, SF_PK_KERNEL, 0, 0, "no attach limit", "no per-process attach limit (never EMFILE)", "ok", "High",
	  "platforms.md SO1; I-shm"),
	R("SO2", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "129th segment refused", "create when 128 segments live (project.max-shm-ids)",
	  "ENOSPC", "High", "platforms.md SO2; I-proj, SOL10"),
	R("SO3", SF_SHMGET, SF_PK_SHMALL, EINVAL, 0, "total size above a quarter of RAM",
	  "create past project.max-shm-memory (1/4 of RAM; --limit shmall)", "EINVAL", "High",
	  "platforms.md SO3; I-shm header comment, I-proj"),
	SO_COMMON_ROWS,
	{.id = "SO11", .call = SF_SHMAT, .check = SF_PK_VARIANT, .err = EMFILE, .what = "Solaris 9 limits",
	 .condition = "Solaris <= 9 defaults (shmseg 6, shmmax 8 MiB, shmmni 100): personality solaris9", .expect = "EMFILE",
	 .confidence = "High", .source = "platforms.md SO11; SOL8, SOL10", .option = "solaris9"},
	R("SO-shmseg", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "attach past shmseg", "attach past --limit shmseg (EMFILE documented)",
	  "EMFILE", "Medium", "I-man shmop.2"),
	R("SO-shmmax", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size > --limit shmmax", "EINVAL",
	  "Medium", "I-man shmget.2"),
	PM_SOLARIS_ROWS,
	GT1_ROW,
};

/* Solaris <= 9: /etc/system limits instead of resource controls (SO11). */
static const struct sf_prule solaris9_rules[] = {
	R("SO11", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "7th attach refused", "7th concurrent attach (shmsys:shminfo_shmseg 6)",
	  "EMFILE", "High", "platforms.md SO11; SOL8, SOL10"),
	R("SO11", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above 8 MiB", "create with size > 8 MiB (shminfo_shmmax)", "EINVAL",
	  "High", "platforms.md SO11; SOL10"),
	R("SO11", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "101st segment refused", "create when 100 segments live (shminfo_shmmni)",
	  "ENOSPC", "High", "platforms.md SO11; SOL10"),
	SO_COMMON_ROWS,
	R("SO-shmall", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall", "create past --limit shmall pages",
	  "ENOMEM", "Medium", "I-man shmget.2 ENOMEM"),
	GT1_ROW,
};

#define FB_COMMON_ROWS                                                                                   \
	R("FB1", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "129th attach refused",                                   \
	  "129th concurrent attach in one process (kern.ipc.shmseg 128)", "EMFILE", "High",                    \
	  "platforms.md FB1; F-shm kern_shmat_locked, F-man"),                                                  \
	R("FB2", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "193rd segment refused", "create when 192 segments live (shmmni)", \
	  "ENOSPC", "High", "platforms.md FB2; F-shm shmget_allocate_segment"),                                 \
	R("FB2", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall", "create past 131072 pages in total (shmall)", \
	  "ENOMEM", "High", "platforms.md FB2; F-shm shmget_allocate_segment"),                                 \
	R("FB2", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size > 512 MiB (shmmax)", "EINVAL", \
	  "High", "platforms.md FB2; F-shm shminit"),                                                           \
	R("FB3", SF_SHMGET, SF_PK_KEY_ORDER, 0, 0, "existing key order",                                        \
	  "existing key: EEXIST, then EINVAL only if size > page-rounded segsz; never EACCES", "EEXIST/EINVAL", "High", \
	  "platforms.md FB3; F-shm shmget_existing"),                                                           \
	R("FB4", SF_SHMCTL, SF_PK_STAT_SEGSZ, 0, 0, "IPC_STAT segsz page-rounded",                             \
	  "IPC_STAT: shm_segsz is the page-rounded size", "segsz rounded", "High", "platforms.md FB4; F-shm"),  \
	R("FB4", SF_SHMCTL, SF_PK_STAT_MODE, 0, 0x0800, "IPC_STAT mode has 0x0800",                            \
	  "IPC_STAT: shm_perm.mode includes SHMSEG_ALLOCATED 0x0800", "mode|0x0800", "High",                   \
	  "platforms.md FB4, GT4; F-shm kern_shmctl_locked"),                                                   \
	R("FB6", SF_SHMCTL, SF_PK_CTL_PERM, EACCES, 0, "non-owner IPC_RMID/IPC_SET gets EACCES",               \
	  "IPC_RMID/IPC_SET by a non-owner (the man page says EPERM)", "EACCES", "High", "platforms.md FB6; F-ipc ipcperm"), \
	R("FB7", SF_SHMCTL, SF_PK_CMD, EINVAL, LINUX_ONLY_CMDS | LOCK_CMDS, "Linux-only command refused",       \
	  "IPC_INFO, SHM_INFO, SHM_STAT, SHM_STAT_ANY, SHM_LOCK, SHM_UNLOCK", "EINVAL", "High",                 \
	  "platforms.md FB7; F-shm sys_shmctl"),                                                                \
	R("FB8", SF_SHMAT, SF_PK_FIXED_ADDR, ENOMEM, 0, "occupied fixed address gives ENOMEM",                 \
	  "shmat at a fixed address whose range is occupied, without SHM_REMAP", "ENOMEM", "High",             \
	  "platforms.md FB8; F-shm, F-man"),                                                                    \
	R("FB9", SF_SHMCTL, SF_PK_STAT_LPID, 0, 0, "shmdt leaves shm_lpid",                                   \
	  "IPC_STAT: shm_lpid is the last shmat's pid (shmdt does not update it)", "lpid of shmat", "High",     \
	  "platforms.md FB9; F-shm shm_delete_mapping"),                                                        \
	OPTIN("FB10", ALL, SF_PK_JAIL, ENOSYS, 0, "jail without sysvshm", "every call, in a jail without sysvshm", \
	      "ENOSYS", "High", "platforms.md FB10; F-shm shm_find_prison", "jail")

static const struct sf_prule freebsd_rules[] = {
	FB_COMMON_ROWS,
	R("FB5", SF_SHMCTL, SF_PK_STAT_RMID, 0, 0x0400, "IPC_STAT of a removed segment has 0x0400",
	  "after IPC_RMID while attached: shmat and IPC_STAT ok, key IPC_PRIVATE, mode has SHMSEG_REMOVED 0x0400", "mode|0x0400",
	  "High", "platforms.md FB5; F-shm shm_remove, F-rmid"),
	PM_FREEBSD_ROWS,
	GT1_ROW,
};

static const struct sf_prule freebsd_strict_rules[] = {
	FB_COMMON_ROWS,
	RMID_ROWS("FS1", "High", "platforms.md FS1; F-shm (shm_allow_removed=0), F-7.2, F-man"),
	R("FS2", SF_SHMGET, SF_PK_NONE, EACCES, 0, "old kernels' credential check",
	  "not simulated: release boundaries unknown", "EACCES", "Medium", "platforms.md FS2; F-shm-old"),
	GT1_ROW,
};

static const struct sf_prule macos_rules[] = {
	R("MC1", SF_SHMAT, SF_PK_SHMSEG, EMFILE, 0, "9th attach refused", "9th concurrent attach in one process (kern.sysv.shmseg 8)",
	  "EMFILE", "High", "platforms.md MC1; X-shm shmat"),
	R("MC2", SF_SHMGET, SF_PK_SHMMAX, EINVAL, 0, "size above shmmax", "create with size > 4 MiB (kern.sysv.shmmax)", "EINVAL",
	  "High", "platforms.md MC2; X-shm DEFAULT_SHMMAX"),
	R("MC2", SF_SHMGET, SF_PK_SHMMNI, ENOSPC, 0, "33rd segment refused", "create when 32 segments live (kern.sysv.shmmni)",
	  "ENOSPC", "High", "platforms.md MC2; X-shm shmget_allocate_segment"),
	R("MC2", SF_SHMGET, SF_PK_SHMALL, ENOMEM, 0, "total size above shmall", "create past 1024 pages in total (kern.sysv.shmall)",
	  "ENOMEM", "High", "platforms.md MC2; X-shm shmget_allocate_segment"),
	R("MC3", SF_SHMGET, SF_PK_KEY_ORDER, 0, 0, "existing key order",
	  "existing key: EACCES (requested bits not a subset of the mode, even for the owner), then EINVAL (size), then EEXIST",
	  "EACCES/EINVAL/EEXIST", "High", "platforms.md MC3; X-shm shmget_existing"),
	RMID_ROWS("MC4", "High", "platforms.md MC4; X-shm shm_find_segment_by_shmid"),
	R("MC5", SF_SHMCTL, SF_PK_KERNEL, 0, 0, "non-owner", "non-owner IPC_RMID/IPC_SET", "EPERM", "High",
	  "platforms.md MC5; X-ipc ipcperm"),
	R("MC6", SF_SHMCTL, SF_PK_CMD, EINVAL, LINUX_ONLY_CMDS | LOCK_CMDS, "command refused",
	  "SHM_LOCK, SHM_UNLOCK, IPC_INFO (and SHM_INFO, SHM_STAT, SHM_STAT_ANY)", "EINVAL", "High",
	  "platforms.md MC6; X-shm shmctl"),
	R("MC7", SF_SHMAT, SF_PK_FIXED_ADDR, ENOMEM, 0, "occupied fixed address gives ENOMEM",
	  "shmat at an occupied fixed address (alignment: 4 KiB on x86_64, as the kernel here)", "ENOMEM", "High",
	  "platforms.md MC7; X-shm shmat"),
	R("MC8", SF_SHMCTL, SF_PK_STAT_MODE, 0, 0x0800, "IPC_STAT mode has 0x0800",
	  "IPC_STAT: shm_perm.mode includes SHMSEG_ALLOCATED 0x0800", "mode|0x0800", "High", "platforms.md MC8, GT4; X-shm"),
	R("MC9", SF_FTOK, SF_PK_KERNEL, 0, 0, "BSD ftok, signed id",
	  "id<<24 | (dev&0xff)<<16 | (ino&0xffff): bit for bit glibc's in a 32-bit key_t", "key", "High",
	  "platforms.md MC9; A-libc ftok.c"),
	PM_MACOS_ROWS,
	GT1_ROW,
};

#define P(name_, desc_, seg_, max_, mni_, all_, order_, rows_)                                      \
	{.name = name_, .description = desc_, .limits = {seg_, max_, mni_, all_}, .key_order = order_, \
	 .rules = rows_, .nrules = (int)(sizeof rows_ / sizeof rows_[0])}

static const struct sf_personality table[] = {
	P("linux", "the Linux kernel as it is: changes nothing (limits and options only when asked)", -1, -1, -1, -1, NULL,
	  linux_rules),
	P("posix", "the strict POSIX/SUSv4 baseline: an id removed with IPC_RMID is gone", -1, -1, -1, -1, NULL, posix_rules),
	P("aix", "AIX, 32-bit process: 11 attachments unless EXTSHM=ON at start", 11, -1, -1, -1, NULL, aix_rules),
	P("aix64", "AIX, 64-bit process", 268435456, -1, -1, -1, NULL, aix64_rules),
	P("hpux", "HP-UX 11i (64-bit kernel, MGAS): one attach per segment, global addresses", 300, 1 * GiB, -1, -1, NULL,
	  hpux_rules),
	P("hpux32", "HP-UX 11i, 32-bit process: as hpux, and segments of 64-bit processes need IPC_SHARE32", 300, 1 * GiB, -1,
	  -1, NULL, hpux32_rules),
	P("solaris", "Solaris 10+ and illumos: resource-control limits, ids gone at IPC_RMID", -1, -1, 128,
	  SF_LIMIT_QUARTER_RAM, "EAV", solaris_rules),
	P("solaris9", "Solaris 9 and older: /etc/system limits (shmseg 6, shmmax 8 MiB, shmmni 100)", 6, 8 * MiB, 100, -1,
	  "EAV", solaris9_rules),
	P("freebsd", "FreeBSD (current defaults, kern.ipc.shm_allow_removed=1)", 128, 512 * MiB, 192, 131072, "ER",
	  freebsd_rules),
	P("freebsd-strict", "FreeBSD with kern.ipc.shm_allow_removed=0 (FreeBSD <= 10 default)", 128, 512 * MiB, 192, 131072,
	  "ER", freebsd_strict_rules),
	P("macos", "macOS (XNU defaults: kern.sysv.*)", 8, 4 * MiB, 32, 1024, "AVE", macos_rules),
};

#define NP (int)(sizeof table / sizeof table[0])

const struct sf_personality *sf_personality_find(const char *name)
{
	for (int i = 0; i < NP; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

int sf_personality_count(void) { return NP; }
const struct sf_personality *sf_personality_at(int i) { return i >= 0 && i < NP ? &table[i] : NULL; }

const char *sf_personality_names(void)
{
	static char buf[256];
	if (!buf[0])
		for (int i = 0; i < NP; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? ", " : "", table[i].name);
	return buf;
}

int sf_prule_total(void)
{
	int n = 0;
	for (int i = 0; i < NP; i++)
		n += table[i].nrules;
	return n;
}

int sf_prule_index(const struct sf_personality *p, int i)
{
	int g = 0;
	for (int k = 0; k < NP; k++) {
		if (&table[k] == p)
			return i >= 0 && i < p->nrules ? g + i : -1;
		g += table[k].nrules;
	}
	return -1;
}

const struct sf_prule *sf_prule_at(int g, const struct sf_personality **p)
{
	for (int k = 0; k < NP && g >= 0; k++) {
		if (g < table[k].nrules) {
			if (p)
				*p = &table[k];
			return &table[k].rules[g];
		}
		g -= table[k].nrules;
	}
	return NULL;
}

const char *sf_pcheck_how(const struct sf_prule *r)
{
	if (r->check == SF_PK_KERNEL)
		return "kernel";
	if (r->check == SF_PK_NONE)
		return "not simulated";
	if (r->check == SF_PK_VARIANT)
		return "variant";
	return r->flags & SF_PR_OPTIN ? "opt-in" : "simulated";
}

int sf_prule_simulated(const struct sf_prule *r)
{
	return r->check != SF_PK_NONE;
}

static const struct {
	const char *word;
	unsigned bit;
} options[] = {
	{"ftok-inode-reuse", SF_OPT_FTOK_REUSE},
	{"jail", SF_OPT_JAIL},
	{"rmid-stat", SF_OPT_RMID_STAT},
};

unsigned sf_option_bit(const char *word)
{
	for (size_t i = 0; word && i < sizeof options / sizeof options[0]; i++)
		if (!strcmp(options[i].word, word))
			return options[i].bit;
	return 0;
}

int sf_options_parse(const char *s, unsigned *out, char *err, size_t errlen)
{
	*out = 0;
	while (s && *s) {
		size_t n = strcspn(s, ",");
		unsigned bit = 0;
		for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
			if (strlen(options[i].word) == n && !memcmp(options[i].word, s, n))
				bit = options[i].bit;
		if (!bit) {
			char raw[256];
			snprintf(raw, sizeof raw, "bad SHMFAULT_OPTIONS word '%.*s' (known: ftok-inode-reuse, jail, rmid-stat)",
				 (int)(n > 40 ? 40 : n), s);
			sf_one_line(err, errlen, raw);
			return -1;
		}
		*out |= bit;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

static int limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen)
{
	out->shmseg = out->shmmax = out->shmmni = out->shmall = -1;
	const char *p = s;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		long long *slot = NULL;
		int size_units = 0;
		if (eq) {
			size_t k = (size_t)(eq - p);
			if (k == 6 && !memcmp(p, "shmseg", 6)) slot = &out->shmseg;
			else if (k == 6 && !memcmp(p, "shmmax", 6)) slot = &out->shmmax, size_units = 1;
			else if (k == 6 && !memcmp(p, "shmmni", 6)) slot = &out->shmmni;
			else if (k == 6 && !memcmp(p, "shmall", 6)) slot = &out->shmall;
		}
		if (!slot) {
			snprintf(err, errlen, "bad limit '%.*s': expected shmseg=N, shmmax=SIZE, shmmni=N or shmall=PAGES",
				 (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		char buf[32];
		size_t vn = n - (size_t)(eq + 1 - p);
		if (vn == 0 || vn >= sizeof buf)
			goto bad;
		memcpy(buf, eq + 1, vn);
		buf[vn] = 0;
		char *end;
		errno = 0;
		if (buf[0] < '0' || buf[0] > '9')
			goto bad;
		unsigned long long v = strtoull(buf, &end, 10);
		if (errno)
			goto bad;
		if (size_units && *end) {
			unsigned long long mul = 1;
			switch (*end) {
			case 'k': case 'K': mul = 1ull << 10; break;
			case 'm': case 'M': mul = 1ull << 20; break;
			case 'g': case 'G': mul = 1ull << 30; break;
			default: goto bad;
			}
			if (end[1] || v > (unsigned long long)INT64_MAX / mul)
				goto bad;
			v *= mul;
			end++;
		}
		if (*end || v > (unsigned long long)INT64_MAX)
			goto bad;
		if (*slot != -1) {
			snprintf(err, errlen, "bad limit '%.*s': given twice", (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		*slot = (long long)v;
		p += n;
		if (*p == ',') {
			p++;
			if (!*p) {
				snprintf(err, errlen, "bad limit '': trailing ','");
				return -1;
			}
		}
		continue;
bad:
		snprintf(err, errlen, "bad limit '%.*s': the value must be a number%s", (int)(n > 40 ? 40 : n), p,
			 size_units ? " with an optional k, M or G" : "");
		return -1;
	}
	return 0;
}

/* Control bytes in the quoted token are escaped: the message stays one line. */
int sf_limits_parse(const char *s, struct sf_limits *out, char *err, size_t errlen)
{
	char raw[512];
	int r = limits_parse(s, out, raw, sizeof raw);
	if (r < 0 && errlen)
		sf_one_line(err, errlen, raw);
	return r;
}
