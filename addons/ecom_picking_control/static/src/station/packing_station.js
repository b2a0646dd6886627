/** @odoo-module **/
// Copyright 2026 ecom suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/** A short beep through Web Audio: low and long for an error. */
function beep(error) {
    try {
        const AudioCtx = window.AudioContext || window.webkitAudioContext;
        if (!AudioCtx) {
            return;
        }
        const ctx = new AudioCtx();
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = error ? "square" : "sine";
        osc.frequency.value = error ? 220 : 880;
        gain.gain.value = 0.2;
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + (error ? 0.45 : 0.08));
        osc.onended = () => ctx.close();
    } catch {
        // no audio device: the colour alert remains
    }
}

export class PackingStation extends Component {
    static template = "ecom_picking_control.PackingStation";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.busService = useService("bus_service");
        this.inputRef = useRef("input");
        this.state = useState({
            stations: [],
            stationId: false,
            station: null,
            picking: null,
            lines: [],
            parcels: [],
            totals: { demand: 0, scanned: 0 },
            step: "open",
            message: null,
            labels: [],
            canOverride: false,
            mode: "scan",
            liveWeight: null,
            busy: false,
        });
        const params = this.props.action?.params || {};
        this.onKeydown = this.onKeydown.bind(this);
        onWillStart(async () => {
            this.state.stations = await this.orm.call("ecom.packing.station", "ecom_station_list", []);
            const wanted = params.station_id || Number(localStorage.getItem("ecom_packing_station"));
            const station =
                this.state.stations.find((s) => s.id === wanted) || this.state.stations[0];
            this.selectStation(station);
            if (params.picking_id) {
                this.apply(await this.call("ecom_state", [params.picking_id]));
            }
        });
        onMounted(() => {
            window.addEventListener("keydown", this.onKeydown);
            this.focus();
        });
        this.onWeight = (payload) => {
            if (payload.station_id === this.state.stationId) {
                this.state.liveWeight = payload.weight;
            }
        };
        this.busService.subscribe("ecom_packing_weight", this.onWeight);
        onWillUnmount(() => {
            window.removeEventListener("keydown", this.onKeydown);
            this.busService.unsubscribe("ecom_packing_weight", this.onWeight);
        });
    }

    selectStation(station) {
        if (!station) {
            return;
        }
        this.state.stationId = station.id;
        this.state.station = station;
        this.state.liveWeight = station.last_weight || null;
        localStorage.setItem("ecom_packing_station", String(station.id));
        this.busService.addChannel(`ecom_packing_station_${station.id}`);
    }

    focus() {
        this.inputRef.el?.focus();
    }

    async call(method, args) {
        this.state.busy = true;
        try {
            return await this.orm.call("ecom.packing.station", method, [
                [this.state.stationId],
                ...args,
            ]);
        } finally {
            this.state.busy = false;
        }
    }

    apply(result) {
        if (result.station) {
            this.state.station = result.station;
        }
        if (result.picking) {
            if (!this.state.picking || this.state.picking.id !== result.picking.id) {
                this.state.labels = [];
            }
            this.state.picking = result.picking;
            this.state.totals = result.totals;
            this.state.step = result.step;
            this.state.canOverride = result.can_override;
        }
        if (result.lines) {
            this.state.lines = result.lines;
        } else if (result.line) {
            const index = this.state.lines.findIndex((l) => l.id === result.line.id);
            if (index >= 0) {
                this.state.lines[index] = result.line;
            }
        }
        if (result.parcels) {
            this.state.parcels = result.parcels;
        }
        if (result.labels) {
            this.state.labels = result.labels;
            for (const label of result.labels) {
                window.open(label.url, "_blank");
            }
        }
        this.state.message = result.message || null;
        if (result.message) {
            beep(result.message.type === "error");
        }
    }

    async submit(value) {
        const text = value.trim();
        if (this.state.mode === "reason") {
            this.state.mode = "scan";
            this.apply(await this.call("ecom_override", [this.state.picking.id, text]));
            return;
        }
        if (!text && this.state.step === "weigh" && this.state.liveWeight) {
            return this.weigh(String(this.state.liveWeight));
        }
        if (!text) {
            return;
        }
        if (!this.state.picking || this.state.step === "done") {
            this.apply(await this.call("ecom_open", [text]));
            return;
        }
        if (this.state.step === "weigh") {
            return this.weigh(text);
        }
        if (this.state.step === "validate" && text.toUpperCase() === "OK") {
            return this.validate();
        }
        this.apply(await this.call("ecom_scan", [this.state.picking.id, text]));
    }

    async weigh(text) {
        this.apply(await this.call("ecom_weigh", [this.state.picking.id, text]));
    }

    async validate() {
        if (!this.state.picking) {
            return;
        }
        const result = await this.call("ecom_validate", [this.state.picking.id]);
        this.apply(result);
        if (result.next && this.state.step === "done") {
            this.state.nextId = result.next;
        }
    }

    async onKeydown(ev) {
        if (this.state.busy) {
            return;
        }
        const input = this.inputRef.el;
        if (ev.key === "Enter" && ev.target === input) {
            ev.preventDefault();
            const value = input.value;
            input.value = "";
            await this.submit(value);
        } else if (ev.key === "F2" && this.state.picking) {
            ev.preventDefault();
            this.apply(await this.call("ecom_undo", [this.state.picking.id]));
        } else if (ev.key === "F4" && this.state.picking) {
            ev.preventDefault();
            this.apply(await this.call("ecom_close_package", [this.state.picking.id]));
        } else if (ev.key === "F8" && this.state.picking) {
            ev.preventDefault();
            this.state.mode = "reason";
            this.state.message = {
                type: "warning",
                text: _t("Manager override: type the reason, then Enter."),
            };
        } else if (ev.key === "F9" && this.state.picking) {
            ev.preventDefault();
            await this.validate();
        } else if (ev.key === "Escape") {
            ev.preventDefault();
            if (this.state.mode === "reason") {
                this.state.mode = "scan";
                this.state.message = null;
            } else if (this.state.nextId) {
                const nextId = this.state.nextId;
                this.state.nextId = false;
                this.apply(await this.call("ecom_state", [nextId]));
            } else {
                this.state.picking = null;
                this.state.lines = [];
                this.state.parcels = [];
                this.state.step = "open";
                this.state.message = null;
            }
        }
        this.focus();
    }

    onChangeStation(ev) {
        const station = this.state.stations.find((s) => s.id === Number(ev.target.value));
        this.selectStation(station);
        this.focus();
    }

    get placeholder() {
        if (this.state.mode === "reason") {
            return _t("Reason of the override");
        }
        switch (this.state.step) {
            case "scan":
                return _t("Scan a product");
            case "weigh":
                return _t("Weight in kg (Enter takes the scale's)");
            case "validate":
                return _t("F9 to validate");
            default:
                return _t("Scan a transfer, an order or a batch");
        }
    }

    get progress() {
        const { demand, scanned } = this.state.totals;
        return demand ? Math.min(100, Math.round((100 * scanned) / demand)) : 0;
    }

    lineClass(line) {
        if (line.scanned >= line.demand) {
            return "o_ecom_line_done";
        }
        return line.scanned > 0 ? "o_ecom_line_partial" : "";
    }

    formatQty(value) {
        return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, "");
    }

    formatKg(value) {
        return value === false || value === null || value === undefined
            ? "—"
            : `${Number(value).toFixed(3)} kg`;
    }

    parcelStatus(status) {
        return (
            {
                todo: _t("To weigh"),
                ok: _t("Within tolerance"),
                warn: _t("Out of tolerance (warned)"),
                blocked: _t("Out of tolerance: blocked"),
            }[status] || status
        );
    }
}

registry.category("actions").add("ecom_packing_station", PackingStation);
