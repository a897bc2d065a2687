"""Entities from real corpus sentences: lexicon, coined names, head phrases, hardware, nesting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction


def labelled(extraction: Extraction) -> set[tuple[str, str]]:
    return {(e.text, e.label.value) for e in extraction.entities}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Applying this method to LLaVA-7B, for instance, drastically reduces its MDI.",
            {("LLaVA-7B", "MODEL")},
        ),
        (
            "Notably, our VAR-d30 achieves a FID of 1.95 with VARiant-d16 close behind.",
            {("VAR-d30", "MODEL"), ("VARiant-d16", "MODEL"), ("FID", "METRIC")},
        ),
        (
            "53% top-1 accuracies for MobileNet-V1, ResNet-50, ViT-S/16 and ViT-B/16 models trained on "
            "ImageNet-1K dataset from scratch.",
            {("ViT-B/16", "MODEL"), ("ResNet-50", "MODEL"), ("ImageNet-1K", "DATASET"), ("top-1 accuracies", "METRIC")},
        ),
        (
            "Applied to published Llama 3.1 IsoFLOP data at open frontier compute scales.",
            {("Llama 3.1", "MODEL")},
        ),
        (
            "We comprehensively investigate this question across 34 models and five standard pretraining datasets "
            "(CC-3M, CC-12M, YFCC-15M, LAION-400M, LAION-Aesthetics).",
            {("CC-3M", "DATASET"), ("YFCC-15M", "DATASET"), ("LAION-400M", "DATASET")},
        ),
        (
            "Our approach achieves competitive accuracy on KITTI, even without using the vKITTI or vKITTI2 datasets.",
            {("KITTI", "DATASET"), ("vKITTI", "DATASET"), ("vKITTI2", "DATASET"), ("accuracy", "METRIC")},
        ),
        (
            "Moreover, we have shown that the proposed framework is 1.48x faster than the FP16 implementation "
            "on an NVIDIA A100 GPU while reducing approximately 2x memory usage.",
            {("NVIDIA A100 GPU", "HARDWARE"), ("memory usage", "METRIC")},
        ),
        (
            "Such models are hard to deploy on resource-constrained devices such as smartphones.",
            {("resource-constrained devices", "HARDWARE"), ("smartphones", "HARDWARE")},
        ),
        (
            "We propose OSTQuant, an Orthogonal and Scaling Transformation-based Quantization method.",
            {("OSTQuant", "METHOD"), ("Transformation-based Quantization", "METHOD")},
        ),
        (
            "In this paper, we propose Outlier Suppression+ (OS+), a framework for PTQ. OS+ is accurate.",
            {("Outlier Suppression+", "METHOD"), ("OS+", "METHOD")},
        ),
    ],
)
def test_entities_in_real_sentences(
    extract: Callable[..., Extraction], sentence: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= labelled(extract(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Large language models (LLMs) have demonstrated remarkable capabilities across many tasks.",
        "Deep learning has transformed computer vision and neural networks are everywhere.",
        "Code is available at https://github.com/cecret3350/DEA-Net.",
    ],
)
def test_vague_class_words_and_urls_are_not_entities(extract: Callable[..., Extraction], sentence: str) -> None:
    texts = {e.text for e in extract(sentence).entities}
    assert not texts & {"LLMs", "Large language models", "Deep learning", "neural networks"}
    assert not any("://" in text for text in texts)


def test_nested_names_keep_both_labels(extract: Callable[..., Extraction]) -> None:
    sentence = "It achieves 80.3% zero-shot ImageNet-1k accuracy, trained on 12.8B samples from DataComp-1.4B."
    found = labelled(extract(sentence))
    assert ("zero-shot ImageNet-1k accuracy", "METRIC") in found
    assert ("ImageNet-1k", "DATASET") in found
    assert ("DataComp-1.4B", "MODEL") in found or ("DataComp-1.4B", "DATASET") in found


def test_offsets_index_into_paper_text(extract: Callable[..., Extraction]) -> None:
    title = "LLaVA-7B: a title with a name"
    abstract = "We fine-tune LLaVA-7B with LoRA on 8 GPUs."
    text = f"{title}\n{abstract}"
    extraction = extract(abstract, title=title)
    assert extraction.entities
    for entity in extraction.entities:
        assert text[entity.start : entity.end] == entity.text


def test_size_variant_keeps_family_and_size(extract: Callable[..., Extraction]) -> None:
    (llava,) = [e for e in extract("We apply it to LLaVA-7B.").entities if e.text == "LLaVA-7B"]
    assert (llava.canonical, llava.family, llava.size) == ("llava-7b", "LLaVA", "7B")


@pytest.mark.parametrize(
    ("abstract", "title", "expected"),
    [
        # a naming word makes a plain capitalised word a name; the class before it gives the label
        ("Our distilled models, dubbed Marmots, beat larger ones on recall.", "A study", {("Marmots", "MODEL")}),
        (
            "We present a training-free method called Quiet Scaling. Quiet Scaling needs no tuning.",
            "A study",
            {("Quiet Scaling", "METHOD")},
        ),
        # the title's one-word head before its colon, and its uses in the abstract
        (
            "We release Pelican, a small chat model trained on public data.",
            "Pelican: Open Chat Models at Small Scale",
            {("Pelican", "MODEL")},
        ),
        # a capitalised word with a naming-habit ending, even a LaTeX-accented one
        ("We compare Lightformer with the original architecture.", "A study", {("Lightformer", "MODEL")}),
        ('The Schr\\"{o}dformer keeps its accuracy at long lengths.', "A study", {('Schr\\"{o}dformer', "MODEL")}),
        # a list of names after its class word, longer than a few words
        (
            "We compare architectures such as Gated Nets, Dynamic convolutions, Lightformers, Hyenas, and "
            "recently proposed KAN-Mixers on the same data.",
            "A study",
            {("KAN-Mixers", "MODEL"), ("Lightformers", "MODEL")},
        ),
        # "X, a ... transformer" names a model
        ("We present BOLO, a single transformer for speech and text.", "A study", {("BOLO", "MODEL")}),
    ],
)
def test_names_the_text_marks_as_names(
    extract: Callable[..., Extraction], abstract: str, title: str, expected: set
) -> None:
    assert expected <= labelled(extract(abstract, title))


@pytest.mark.parametrize(
    ("abstract", "name", "not_label"),
    [
        # after "datasets," a name followed by a verb is a subject, not a list item
        ("On five reading datasets, QuillNet outperforms every baseline by a wide margin.", "QuillNet", "DATASET"),
        # the list has ended ("A and B,") before the name
        ("On benchmarks such as GLUE and SQuAD, BrightLM improves over the baseline.", "BrightLM", "DATASET"),
    ],
)
def test_subjects_after_a_class_word_are_not_list_items(
    extract: Callable[..., Extraction], abstract: str, name: str, not_label: str
) -> None:
    assert (name, not_label) not in labelled(extract(abstract))


def test_class_word_endings_are_not_named_members(extract: Callable[..., Extraction]) -> None:
    found = labelled(extract("We build a hybrid CNN-Transformer for phones."))
    assert ("CNN-Transformer", "MODEL") not in found


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        # a cost, time, usage or efficiency word is a metric after a measured resource
        ("The adapter cuts VRAM consumption on a laptop.", {("VRAM consumption", "METRIC")}, set()),
        (
            "Pruning lowers GPU memory requirements and improves training efficiency.",
            {("GPU memory requirements", "METRIC"), ("training efficiency", "METRIC")},
            set(),
        ),
        # only the resource words: no evaluative adjective in the metric
        (
            "It adds negligible communication overhead.",
            {("communication overhead", "METRIC")},
            {("negligible communication overhead", "METRIC")},
        ),
        # not after other words
        ("This saves a lot of time and improves the efficiency of search.", set(), {("time", "METRIC")}),
        ("The detector runs at 40 FPS on one board.", {("FPS", "METRIC")}, set()),
    ],
)
def test_measured_resources(extract: Callable[..., Extraction], sentence: str, expected: set, absent: set) -> None:
    found = labelled(extract(sentence))
    assert expected <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        # prepositions and conjunctions never start a technique's name
        ("The student is trained through layer dropping before pruning.", {"through layer dropping"}, set()),
        (
            "Unlike knowledge distillation, our pruning needs no teacher.",
            {"Unlike knowledge distillation"},
            {"knowledge distillation"},
        ),
        # size and quantity adjectives are not part of one either
        ("This needs no large-scale pretraining and no additional finetuning.", {"large-scale pretraining"}, set()),
        # an all-capitals name is a name even when it spells a function word
        ("We call our detector BEYOND. BEYOND flags adversarial inputs.", set(), {"BEYOND"}),
    ],
)
def test_function_words_do_not_start_names(
    extract: Callable[..., Extraction], sentence: str, absent: set, present: set
) -> None:
    texts = {e.text for e in extract(sentence).entities}
    assert not absent & texts
    assert present <= texts


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the guidelines' hardware beyond chip names: device classes, boards and phones, interconnects, data centres
        (
            "Heterogeneous deep learning systems (DLS) such as GPUs and ASICs have been widely deployed in industrial "
            "data centers, which requires to develop multiple low-level tensor programs for different platforms.",
            {("GPUs", "HARDWARE"), ("ASICs", "HARDWARE"), ("data centers", "HARDWARE")},
        ),
        (
            "Targeting low-resource environments, it enables cost-effective deployment on consumer GPUs (e.g., "
            "RTX-2080Ti for 7B models) and supports domain-specific adaptation in fields like healthcare and law.",
            {("consumer GPUs", "HARDWARE")},
        ),
        (
            "We kept an Internet of Things (IoT) focus when compressing to a CNN-based student model for deployment "
            "in resource-limited conditions, such as the NVIDIA Jetson Nano.",
            {("NVIDIA Jetson Nano", "HARDWARE")},
        ),
        (
            "PP-DocLayout-M is a balanced model, offering 75.2% mAP@0.5 with an inference time of 12.7 ms per page "
            "on a T4 GPU.",
            {("T4 GPU", "HARDWARE")},
        ),
        (
            "However, loading the entire cache incurs significant latency due to PCIe bandwidth bottlenecks in CPU-GPU "
            "communication, while aggressive compression causes notable performance degradation.",
            {("PCIe", "HARDWARE")},
        ),
        (
            "We implement On-device Sora on the iPhone 15 Pro, and the experimental evaluations show that it is "
            "capable of generating high-quality videos on the device.",
            {("iPhone 15 Pro", "HARDWARE")},
        ),
    ],
)
def test_hardware_beyond_chip_names(extract: Callable[..., Extraction], sentence: str, expected: set) -> None:
    assert expected <= labelled(extract(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Our design stores weights in resistive RAM crossbar arrays and phase-change memory.",
            {"resistive RAM", "crossbar arrays", "phase-change memory"},
        ),
        ("Gradients are exchanged over Ethernet rather than InfiniBand.", {"Ethernet", "InfiniBand"}),
        ("The model fits in the memory of a mobile system-on-chip.", {"system-on-chip"}),
        (
            "Requests are served from a multi-GPU server and from ARM processors.",
            {"multi-GPU server", "ARM processors"},
        ),
        ("We compare Intel Xeon CPUs with AMD EPYC processors.", {"Intel Xeon", "AMD EPYC"}),
        ("The approach suits wearable devices, smart glasses and tablets.", {"wearable devices", "smart glasses"}),
        ("We run the spiking network on Loihi and on a workstation.", {"Loihi", "workstation"}),
    ],
)
def test_hardware_classes_of_the_guidelines(extract: Callable[..., Extraction], sentence: str, expected: set) -> None:
    """Memory parts, interconnects, systems-on-chip, servers, processors and device classes."""
    assert {(name, "HARDWARE") for name in expected} <= labelled(extract(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We deploy the detector on an NVIDIA Jetson AGX Xavier board and a Raspberry Pi 4.",
            {"NVIDIA Jetson AGX Xavier", "Raspberry Pi 4"},
        ),
        ("Communication over PCIe 4.0 becomes the bottleneck.", {"PCIe 4.0"}),
        ("Inference runs on a Snapdragon 888 smartphone.", {"Snapdragon 888", "smartphone"}),
    ],
)
def test_hardware_names_take_their_model_words(
    extract: Callable[..., Extraction], sentence: str, expected: set
) -> None:
    """The parse decides how far a chip or board name reaches: its model words, not the class word."""
    hardware = {text for text, label in labelled(extract(sentence)) if label == "HARDWARE"}
    assert expected <= hardware
    assert not any(name.endswith(("board", "smartphone")) and name not in expected for name in hardware)


def test_a_title_does_not_extend_hardware_names(extract: Callable[..., Extraction]) -> None:
    extraction = extract("We study deployment on small boards.", title="Raspberry Pi Deployment Study")
    assert ("Raspberry Pi", "HARDWARE") in labelled(extraction)


def test_vendors_alone_are_no_entities(extract: Callable[..., Extraction]) -> None:
    """A company is no model or chip; its name is part of a chip's name ("NVIDIA A100") only."""
    found = labelled(extract("Kernels from NVIDIA and AMD are compared with ours on an NVIDIA A100 GPU."))
    assert not {text for text, _ in found} & {"NVIDIA", "AMD"}
    assert ("NVIDIA A100 GPU", "HARDWARE") in found


def test_weak_names_do_not_nest_in_entities(extract: Callable[..., Extraction]) -> None:
    found = labelled(extract("Our accelerator keeps activations in resistive RAM to save energy."))
    assert ("resistive RAM", "HARDWARE") in found
    assert not {(text, label) for text, label in found if text == "RAM" and label != "HARDWARE"}


def test_precision_and_recall_are_metrics(extract: Callable[..., Extraction]) -> None:
    """Evaluation measures are a closed class of the field's vocabulary."""
    found = labelled(extract("The best approach achieved 94.9% precision and 92.4% recall."))
    assert {("precision", "METRIC"), ("recall", "METRIC")} <= found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Link prediction improves Hits@10 by 2 points and Recall@5 slightly.", {"Hits@10", "Recall@5"}),
        ("The parser reaches a LAS of 91.2 and a UAS of 93.0.", {"LAS", "UAS"}),
        ("Our tracker raises MOTA and IDF1, and the enhanced speech has higher PESQ.", {"MOTA", "IDF1", "PESQ"}),
    ],
)
def test_metric_names_of_the_field(extract: Callable[..., Extraction], sentence: str, expected: set) -> None:
    """Evaluation measures by their usual names, ranked-retrieval cut-offs ("@k") included."""
    assert {(name, "METRIC") for name in expected} <= labelled(extract(sentence))
