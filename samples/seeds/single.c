#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/shm.h>

int main()
{
    int shmid;
    char *shmaddr;
    char write_buf[100];
    char read_buf[100];

    // 1. 创建共享内存
    shmid = shmget(IPC_PRIVATE, 1024, 0666|IPC_CREAT);
    if(shmid == -1)
    {
        printf("create share memory failed\n");
        return -1;
    }

    // 2. 映射共享内存
    shmaddr = (char*)shmat(shmid, NULL, 0);
    if(shmaddr == (void*)-1)
    {
        printf("share memory map failed\n");
        return -1;
    }

    // 3. 写入共享内存
    printf("write data to share memory:\n");
    scanf("%s", write_buf);
    sprintf(shmaddr, "%s", write_buf);

    // 4. 读取共享内存
    printf("read data from share memory:\n");
    sprintf(read_buf, "%s", shmaddr);
    printf("%s\n", read_buf);

    // 5. 解除映射
    shmdt(shmaddr);

    // 6. 删除共享内存
    shmctl(shmid, IPC_RMID, NULL);

    return 0;
}
