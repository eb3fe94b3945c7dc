/// The Python code the card shows for loading a dataset.
enum Snippets {
    /// The README's three-line h5py read, for the file `name`.
    static func h5py(file name: String) -> String {
        """
        import h5py
        with h5py.File(\(pythonString(name)), "r") as f:
            images = f["images"][:]          # float32 [N, B, H, W] = [sample, band, y, x], ADU
        """
    }

    /// A PyTorch `Dataset` over one split, returning (image [B, H, W], label) with the label one /objects column
    /// of each sample's first object.
    static func pytorch(file name: String) -> String {
        """
        import h5py
        import numpy as np
        import torch
        from torch.utils.data import DataLoader, Dataset


        class SkySynthDataset(Dataset):
            \"\"\"One split of a SkySynth file: (image float32 [B, H, W], label) pairs.

            The label is the /objects column `label` of each sample's first object (id 1), NaN when the
            stamp has none; for a per-band column such as "magnitude" pass `band` (its channel index).
            \"\"\"

            def __init__(self, path, split="train", label="sersic_n", band=None):
                self.path, self.file = path, None
                with h5py.File(path, "r") as f:
                    first = int(f.attrs.get("shard_first_sample", 0))     # nonzero only in a shard part
                    self.rows = f["splits/" + split][:] - first           # rows of /images in this split
                    values = f["objects/" + label][:]
                    if band is not None:
                        values = values[:, band]
                    sample, ids = f["objects/sample"][:], f["objects/id"][:]
                    self.labels = np.full(f["images"].shape[0], np.nan, dtype=np.float32)
                    self.labels[sample[ids == 1] - first] = values[ids == 1]

            def __len__(self):
                return len(self.rows)

            def __getitem__(self, i):
                if self.file is None:                    # opened lazily: one handle per DataLoader worker
                    self.file = h5py.File(self.path, "r")
                row = self.rows[i]
                return torch.from_numpy(self.file["images"][row]), torch.tensor(self.labels[row])


        train = DataLoader(SkySynthDataset(\(pythonString(name)), "train"), batch_size=64, shuffle=True, num_workers=2)
        images, labels = next(iter(train))               # float32 [batch, B, H, W] and [batch]
        """
    }

    /// `text` as a Python string literal.
    static func pythonString(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"" + escaped + "\""
    }
}
