/*
 * Error numbers of the guest ABI.
 *
 * A hypercall that fails returns the negated number (-PV_EINVAL); success is
 * zero or a non-negative result.  The values are Linux's, which is why PV
 * Linux can hand them to user space unchanged, but the ABI fixes them: they
 * do not follow the host C library.  PV_EINTR and PV_ERESTART never reach a
 * guest: the hypervisor uses them internally (PV_ERESTART asks the dispatcher
 * to re-enter a preempted hypercall as a continuation).
 */
#ifndef PV_ABI_ERRNO_H
#define PV_ABI_ERRNO_H

#define PV_EPERM 1          /* caller lacks the privilege */
#define PV_ENOENT 2         /* no such object */
#define PV_ESRCH 3          /* no such domain or vcpu */
#define PV_EINTR 4          /* internal: interrupted */
#define PV_EIO 5            /* I/O or partial-mapping failure */
#define PV_ENXIO 6          /* no such device or address */
#define PV_E2BIG 7          /* argument list too long */
#define PV_ENOEXEC 8        /* bad executable format */
#define PV_EBADF 9          /* bad handle */
#define PV_ECHILD 10        /* no child */
#define PV_EAGAIN 11        /* try again later */
#define PV_EWOULDBLOCK 11   /* same number as PV_EAGAIN */
#define PV_ENOMEM 12        /* out of memory */
#define PV_EACCES 13        /* access denied */
#define PV_EFAULT 14        /* bad guest address */
#define PV_EBUSY 16         /* resource busy */
#define PV_EEXIST 17        /* already exists */
#define PV_EXDEV 18         /* crosses domains or devices */
#define PV_ENODEV 19        /* no such device */
#define PV_ENOTDIR 20       /* not a directory */
#define PV_EISDIR 21        /* is a directory */
#define PV_EINVAL 22        /* invalid argument */
#define PV_ENFILE 23        /* table full (system-wide) */
#define PV_EMFILE 24        /* table full (per domain) */
#define PV_ENOSPC 28        /* no space left */
#define PV_EROFS 30         /* read-only */
#define PV_EMLINK 31        /* too many links */
#define PV_EDOM 33          /* argument out of domain */
#define PV_ERANGE 34        /* result out of range */
#define PV_EDEADLK 35       /* would deadlock */
#define PV_EDEADLOCK 35     /* same number as PV_EDEADLK */
#define PV_ENAMETOOLONG 36  /* name too long */
#define PV_ENOLCK 37        /* no locks available */
#define PV_ENOSYS 38        /* hypercall or sub-op not implemented */
#define PV_ENOTEMPTY 39     /* not empty */
#define PV_ENODATA 61       /* no data */
#define PV_ETIME 62         /* deadline already passed */
#define PV_EBADMSG 74       /* malformed message */
#define PV_EOVERFLOW 75     /* value too large for the field */
#define PV_EILSEQ 84        /* illegal sequence */
#define PV_ERESTART 85      /* internal: restart as a continuation */
#define PV_ENOTSOCK 88      /* not a socket */
#define PV_EMSGSIZE 90      /* message too large */
#define PV_EOPNOTSUPP 95    /* operation not supported */
#define PV_EADDRINUSE 98    /* address in use */
#define PV_EADDRNOTAVAIL 99 /* address not available */
#define PV_ENOBUFS 105      /* no buffer space */
#define PV_EISCONN 106      /* already connected */
#define PV_ENOTCONN 107     /* not connected */
#define PV_ETIMEDOUT 110    /* timed out */
#define PV_ECONNREFUSED 111 /* connection refused */

#endif
