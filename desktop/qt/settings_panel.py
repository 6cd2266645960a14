"""The alignment settings: what counts as a shared passage and what counts as a change.

Every change emits ``settings_changed`` with a complete :class:`Settings`; the window
re-runs the alignment (coalesced, in the background) and remembers the values.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.align import embeddings
from desktop.engine.model import Settings
from desktop.qt.stored_values import stored_bool, stored_float, stored_int

SLIDER_STEPS = 100
SLIDER_MIN_WIDTH = 120  # below this the slider cannot be set with any precision
MAX_MIN_WORDS = 200
_KEY = "alignment/"


class SettingsPanel(QWidget):
    """Sensitivity, minimum passage length and the three "treat as equal" switches."""

    settings_changed = Signal(object)  # Settings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        # The user's embeddings choice, kept even while the extra is missing and the
        # switch shows "off", so installing the extra later honours it.
        self._wants_embeddings = Settings().use_embeddings

        self.sensitivity = QSlider(Qt.Orientation.Horizontal, self)
        self.sensitivity.setObjectName("sensitivitySlider")
        self.sensitivity.setRange(0, SLIDER_STEPS)
        self.sensitivity.setSingleStep(5)
        self.sensitivity.setPageStep(10)
        self.sensitivity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.sensitivity.setTickInterval(25)
        self.sensitivity.setToolTip(
            "How loosely reworded sentences still count as the same passage.\n"
            "Left: only close rewording. Right: looser paraphrase (more matches, more false ones)."
        )
        self.sensitivity.setAccessibleName("Paraphrase sensitivity")
        self.sensitivity.setMinimumWidth(SLIDER_MIN_WIDTH)
        self._sensitivity_value = QLabel(self)
        self._sensitivity_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100%") + 4)
        strict = QLabel("strict", self)
        loose = QLabel("loose", self)
        for label in (strict, loose):
            label.setEnabled(False)  # the disabled palette role reads as a quiet hint
        slider_row = QHBoxLayout()
        slider_row.addWidget(strict)
        slider_row.addWidget(self.sensitivity, 1)
        slider_row.addWidget(loose)
        slider_row.addWidget(self._sensitivity_value)

        self.min_words = QSpinBox(self)
        self.min_words.setObjectName("minWordsSpin")
        self.min_words.setRange(1, MAX_MIN_WORDS)
        self.min_words.setSuffix(" words")
        self.min_words.setToolTip("Shared passages shorter than this (on both sides) are not shown.")
        self.min_words.setAccessibleName("Minimum passage length in words")

        self.ignore_case = QCheckBox("Ignore &case", self)
        self.ignore_case.setToolTip("Treat \u201cEU\u201d and \u201ceu\u201d as the same word.")
        self.ignore_punctuation = QCheckBox("Ignore &punctuation", self)
        self.ignore_punctuation.setToolTip(
            "Do not count added or removed commas, full stops, dashes as changes."
        )
        self.ignore_typography = QCheckBox("Treat &typographic variants as equal", self)
        self.ignore_typography.setToolTip(
            "Curly and straight quotes, dash variants and differences in spacing count as the same."
        )
        self.use_embeddings = QCheckBox("Use sentence &embeddings", self)
        if embeddings.installed():
            self.use_embeddings.setToolTip(
                "Also link sentences reworded beyond what shared words show, with the "
                f"{embeddings.MODEL_NAME} model (slower). Finds more rewordings, and more "
                "false links between sentences of one story on the same topic."
            )
        else:
            self.use_embeddings.setEnabled(False)
            self.use_embeddings.setToolTip(
                f"The optional sentence-embedding model is not installed ({embeddings.INSTALL_HINT})."
            )
        self.reset = QPushButton("&Defaults", self)
        self.reset.setToolTip("Restore the default alignment settings.")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow dock the slider goes under its label rather than shrinking to nothing.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        sensitivity_label = QLabel("Paraphrase &sensitivity:", self)
        sensitivity_label.setBuddy(self.sensitivity)
        form.addRow(sensitivity_label, slider_row)
        length_label = QLabel("Shortest &passage:", self)
        length_label.setBuddy(self.min_words)
        form.addRow(length_label, self.min_words)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.ignore_case)
        layout.addWidget(self.ignore_punctuation)
        layout.addWidget(self.ignore_typography)
        layout.addWidget(self.use_embeddings)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.set_settings(Settings())
        self.sensitivity.valueChanged.connect(self._on_control_changed)
        self.min_words.valueChanged.connect(self._on_control_changed)
        for box in (self.ignore_case, self.ignore_punctuation, self.ignore_typography, self.use_embeddings):
            box.toggled.connect(self._on_control_changed)
        self.reset.clicked.connect(self._on_reset_clicked)

    def settings(self) -> Settings:
        """The settings the controls show now (embeddings off while the extra is missing)."""
        return Settings(
            sensitivity=round(self.sensitivity.value() / SLIDER_STEPS, 2),
            min_words=self.min_words.value(),
            ignore_case=self.ignore_case.isChecked(),
            ignore_punctuation=self.ignore_punctuation.isChecked(),
            ignore_typography=self.ignore_typography.isChecked(),
            use_embeddings=self.use_embeddings.isChecked() and embeddings.installed(),
        )

    def stored_settings(self) -> Settings:
        """The settings to remember: those shown, with the user's own embeddings choice."""
        return replace(self.settings(), use_embeddings=self._wants_embeddings)

    def set_settings(self, settings: Settings) -> None:
        """Show ``settings`` without emitting ``settings_changed``."""
        self._updating = True
        try:
            self.sensitivity.setValue(round(min(max(settings.sensitivity, 0.0), 1.0) * SLIDER_STEPS))
            self.min_words.setValue(settings.min_words)
            self.ignore_case.setChecked(settings.ignore_case)
            self.ignore_punctuation.setChecked(settings.ignore_punctuation)
            self.ignore_typography.setChecked(settings.ignore_typography)
            self._wants_embeddings = settings.use_embeddings
            self.use_embeddings.setChecked(settings.use_embeddings and embeddings.installed())
        finally:
            self._updating = False
        self._show_sensitivity()

    def _show_sensitivity(self) -> None:
        self._sensitivity_value.setText(f"{self.sensitivity.value()}%")

    @Slot()
    def _on_control_changed(self) -> None:
        self._show_sensitivity()
        if not self._updating:
            if self.use_embeddings.isEnabled():
                self._wants_embeddings = self.use_embeddings.isChecked()
            self.settings_changed.emit(self.settings())

    @Slot()
    def _on_reset_clicked(self) -> None:
        if self.stored_settings() != Settings():
            self.set_settings(Settings())
            self.settings_changed.emit(self.settings())


def load_settings(store: QSettings) -> Settings:
    """The alignment settings saved in ``store``; defaults for anything missing or garbled."""
    default = Settings()
    sensitivity = stored_float(store.value(_KEY + "sensitivity"), default.sensitivity)
    min_words = stored_int(store.value(_KEY + "min_words"), default.min_words)
    return Settings(
        sensitivity=min(max(sensitivity, 0.0), 1.0),
        min_words=min(max(min_words, 1), MAX_MIN_WORDS),
        ignore_case=stored_bool(store.value(_KEY + "ignore_case"), default.ignore_case),
        ignore_punctuation=stored_bool(store.value(_KEY + "ignore_punctuation"), default.ignore_punctuation),
        ignore_typography=stored_bool(store.value(_KEY + "ignore_typography"), default.ignore_typography),
        use_embeddings=stored_bool(store.value(_KEY + "use_embeddings"), default.use_embeddings),
    )


def save_settings(store: QSettings, settings: Settings) -> None:
    """Remember ``settings`` for the next run."""
    for key, value in settings.to_dict().items():
        store.setValue(_KEY + key, value)
