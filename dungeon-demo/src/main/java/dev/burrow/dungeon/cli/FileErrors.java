package dev.burrow.dungeon.cli;

/** One-line reasons for failed file operations, for error lines a user reads (Java's often say only the path). */
public final class FileErrors {
    private FileErrors() {
    }

    /** @return why a file operation failed, in words (Java's exceptions often say only the path) */
    public static String why(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way: " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a file is in the way, not a folder: " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder: " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null) {
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) e;
            return f.getReason() + ": " + f.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
