package io.github.diffusion4j.estimate;

/**
 * Selection of the element of a given rank in a range of keys, moving an array of items along with the keys: the
 * median split of {@link KdTree}. Quickselect (Hoare 1961) with a median-of-three pivot and Hoare's partition, which
 * splits runs of equal keys evenly; after 2⌈log₂ m⌉ partitions of a range of m keys without finishing it falls back to
 * heapsort (Williams 1964), so the worst case is O(m log m) and the usual case O(m) (introselect, Musser 1997).
 */
final class KdTreeSelect {

    private KdTreeSelect() {
    }

    /**
     * Rearranges {@code keys[lo, hi)} and {@code items[lo, hi)} together so that {@code keys[target]} holds the key of
     * rank {@code target − lo}, with no larger key before it and no smaller key after it.
     *
     * @param keys   the keys. Modified.
     * @param items  the items that move with the keys. Modified.
     * @param lo     first index of the range
     * @param hi     one past the last index
     * @param target index in [lo, hi)
     */
    static void select(double[] keys, int[] items, int lo, int hi, int target) {
        int left = lo;
        int right = hi - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo));
        while (right > left) {
            if (budget-- == 0) {
                heapSort(keys, items, left, right + 1);
                return;
            }
            int middle = (left + right) >>> 1;
            if (keys[middle] < keys[left]) {
                swap(keys, items, middle, left);
            }
            if (keys[right] < keys[left]) {
                swap(keys, items, right, left);
            }
            if (keys[right] < keys[middle]) {
                swap(keys, items, right, middle);
            }
            double pivot = keys[middle];
            int i = left;
            int j = right;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(keys, items, i, j);
                    i++;
                    j--;
                }
            }
            // Now keys[left, j] ≤ pivot, keys[i, right] ≥ pivot and keys(j, i) = pivot.
            if (target <= j) {
                right = j;
            } else if (target >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    private static void heapSort(double[] keys, int[] items, int lo, int hi) {
        int m = hi - lo;
        for (int start = m / 2 - 1; start >= 0; start--) {
            siftDown(keys, items, lo, start, m);
        }
        for (int end = m - 1; end > 0; end--) {
            swap(keys, items, lo, lo + end);
            siftDown(keys, items, lo, 0, end);
        }
    }

    /** Max-heap sift-down of heap slot {@code parent} in the heap {@code keys[lo, lo + m)}. */
    private static void siftDown(double[] keys, int[] items, int lo, int parent, int m) {
        while (true) {
            int child = 2 * parent + 1;
            if (child >= m) {
                return;
            }
            if (child + 1 < m && keys[lo + child + 1] > keys[lo + child]) {
                child++;
            }
            if (keys[lo + child] <= keys[lo + parent]) {
                return;
            }
            swap(keys, items, lo + parent, lo + child);
            parent = child;
        }
    }

    private static void swap(double[] keys, int[] items, int a, int b) {
        double key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
    }
}
