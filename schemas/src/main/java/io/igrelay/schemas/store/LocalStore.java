package io.igrelay.schemas.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/*
 * A local disk store (RocksDB) for state a service must query but must not keep on its heap, such as the
 * Application-webhook attempt log and job states. Its memory is bounded by fixed native caches (16 MiB blocks, two
 * 4 MiB write buffers) however long the history; writes are atomic batches that carry the topic offset they come
 * from, so a restart resumes the topic there instead of reading it again; counters are merged in place. One process
 * owns a folder at a time.
 */
public final class LocalStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** Sees one entry of a scan; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    private static final long BLOCK_CACHE_BYTES = 16L << 20;
    private static final long WRITE_BUFFER_BYTES = 4L << 20;

    private final Path dir;
    private final LRUCache cache;
    private final Options options;
    private final WriteOptions writeOptions = new WriteOptions();
    private final RocksDB db;

    private LocalStore(Path dir) throws RocksDBException {
        this.dir = dir;
        this.cache = new LRUCache(BLOCK_CACHE_BYTES);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true).setFilterPolicy(new BloomFilter(10));
        this.options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
                .setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxWriteBufferNumber(2).setMaxOpenFiles(256)
                .setCompressionType(CompressionType.LZ4_COMPRESSION).setMergeOperator(new UInt64AddOperator())
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL).setKeepLogFileNum(2).setMaxLogFileSize(1L << 20);
        this.db = RocksDB.open(options, dir.toString());
    }

    /** Opens (creating if needed) the store in {@code dir}; fails with a clear message if another process has it. */
    public static LocalStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new LocalStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store folder " + dir, e);
        } catch (RocksDBException e) {
            String why = String.valueOf(e.getMessage());
            throw new IllegalStateException(why.contains("lock") ? "the store folder " + dir
                    + " is in use by another process (give each process its own folder)" : "cannot open the store in "
                    + dir + ": " + why, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Optional<byte[]> get(byte[] key) {
        try {
            return Optional.ofNullable(db.get(key));
        } catch (RocksDBException e) {
            throw new StoreException("read", e);
        }
    }

    public boolean contains(byte[] key) {
        return db.keyMayExist(key, null) && get(key).isPresent();
    }

    /** Visits the entries with lower <= key < upper, ascending or (reverse) descending, until the visitor stops. */
    public void scan(byte[] lower, byte[] upper, boolean reverse, Visitor visitor) {
        try (Slice low = new Slice(lower); Slice high = new Slice(upper);
             ReadOptions read = new ReadOptions().setIterateLowerBound(low).setIterateUpperBound(high);
             RocksIterator it = db.newIterator(read)) {
            if (reverse) {
                it.seekToLast();
            } else {
                it.seekToFirst();
            }
            while (it.isValid()) {
                if (!visitor.visit(it.key(), it.value())) {
                    return;
                }
                if (reverse) {
                    it.prev();
                } else {
                    it.next();
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("scan", e);
        }
    }

    /** A batch of changes applied at once by {@link #write}. */
    public Batch batch() {
        return new Batch();
    }

    public void write(Batch batch) {
        try (WriteBatch changes = batch.changes) {
            db.write(writeOptions, changes);
        } catch (RocksDBException e) {
            throw new StoreException("write", e);
        }
    }

    /** The next offset to read per partition of {@code topic}, as the last batches recorded them. */
    public Map<TopicPartition, Long> positions(String topic) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        byte[] prefix = Key.of('O').str(topic).bytes();
        scan(prefix, Key.after(prefix), false, (key, value) -> {
            int partition = new Key.Reader(key, prefix.length).i32();
            positions.put(new TopicPartition(topic, partition), Key.number(value));
            return true;
        });
        return positions;
    }

    /** Reads a counter written by {@link Batch#add}. */
    public static long counter(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Override
    public void close() {
        db.close();
        options.close();
        cache.close();
        writeOptions.close();
    }

    /** Puts, deletes, counter additions and a topic position that become visible together. */
    public static final class Batch {
        private final WriteBatch changes = new WriteBatch();

        public Batch put(byte[] key, byte[] value) {
            return run(() -> changes.put(key, value));
        }

        public Batch delete(byte[] key) {
            return run(() -> changes.delete(key));
        }

        /** Deletes every key in [from, to). */
        public Batch deleteRange(byte[] from, byte[] to) {
            return run(() -> changes.deleteRange(from, to));
        }

        /** Adds {@code delta} (may be negative) to the 8-byte counter at {@code key}. */
        public Batch add(byte[] key, long delta) {
            byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(delta).array();
            return run(() -> changes.merge(key, bytes));
        }

        /** Records that the topic partition was applied up to (excluding) {@code nextOffset}. */
        public Batch position(TopicPartition partition, long nextOffset) {
            return put(Key.of('O').str(partition.topic()).i32(partition.partition()).bytes(), Key.number(nextOffset));
        }

        public int count() {
            return changes.count();
        }

        private Batch run(Change change) {
            try {
                change.apply();
                return this;
            } catch (RocksDBException e) {
                throw new StoreException("batch", e);
            }
        }

        private interface Change {
            void apply() throws RocksDBException;
        }
    }

    /** A store operation failed (disk full, corruption): not the record's fault and not a dependency. */
    public static final class StoreException extends RuntimeException {
        StoreException(String what, RocksDBException cause) {
            super("local store " + what + " failed: " + cause.getMessage(), cause);
        }
    }
}
