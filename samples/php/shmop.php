<?php
// shmop.php: PHP's shmop extension (a module PHP loads with RTLD_DEEPBIND)
// creates, writes, reads and deletes a segment; every failure is reported
// (PHP's own warning, then one line) and exits 1.
//   php shmop.php KEYFILE
// Calls (shmop.so): ftok (PHP's own), shmget, shmctl(IPC_STAT), shmat,
// shmctl(IPC_RMID), shmdt.
$key = ftok($argv[1], 'p');
if ($key === -1) { fwrite(STDERR, "shmop.php: ftok failed\n"); exit(1); }
$shm = shmop_open($key, "c", 0600, 1024);
if ($shm === false) { fwrite(STDERR, "shmop.php: shmop_open failed\n"); exit(1); }
if (shmop_write($shm, "hello", 0) !== 5) { fwrite(STDERR, "shmop.php: shmop_write failed\n"); exit(1); }
if (shmop_read($shm, 0, 5) !== "hello") { fwrite(STDERR, "shmop.php: shmop_read failed\n"); exit(1); }
if (!shmop_delete($shm)) { fwrite(STDERR, "shmop.php: shmop_delete failed\n"); exit(1); }
echo "shmop.php: ok\n";
