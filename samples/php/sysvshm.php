<?php
// sysvshm.php: PHP's sysvshm extension (loaded with RTLD_DEEPBIND) attaches
// a segment, stores and reads back a variable and removes the segment; every
// failure is reported (PHP's own warning, then one line) and exits 1.
//   php sysvshm.php KEYFILE
$key = ftok($argv[1], 's');
if ($key === -1) { fwrite(STDERR, "sysvshm.php: ftok failed\n"); exit(1); }
$shm = shm_attach($key, 4096, 0600);
if ($shm === false) { fwrite(STDERR, "sysvshm.php: shm_attach failed\n"); exit(1); }
if (!shm_put_var($shm, 1, "hello")) { fwrite(STDERR, "sysvshm.php: shm_put_var failed\n"); exit(1); }
if (shm_get_var($shm, 1) !== "hello") { fwrite(STDERR, "sysvshm.php: shm_get_var failed\n"); exit(1); }
if (!shm_remove($shm)) { fwrite(STDERR, "sysvshm.php: shm_remove failed\n"); exit(1); }
echo "sysvshm.php: ok\n";
