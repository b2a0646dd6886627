/** @odoo-module **/
// Copyright 2026 ecom suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Drives the station like a USB scanner: text typed then Enter.
import { registry } from "@web/core/registry";

const INPUT = ".o_ecom_station_input";

function scan(code) {
    return [
        { content: `scan ${code}`, trigger: INPUT, run: `edit ${code}` },
        { content: "scanner sends Enter", trigger: INPUT, run: "press Enter" },
    ];
}

registry.category("web_tour.tours").add("ecom_packing_station_tour", {
    url: "/odoo/action-ecom_picking_control.ecom_packing_station_client_action",
    steps: () => [
        ...scan("TOUR-CMD-1"),
        { content: "the transfer is open", trigger: ".o_ecom_picking_origin:contains(TOUR-CMD-1)" },
        ...scan("3760000000017"),
        { content: "one unit counted", trigger: ".o_ecom_msg_success" },
        ...scan("3760000000093"),
        { content: "wrong product refused", trigger: ".o_ecom_msg_error" },
        ...scan("3760000000017"),
        { content: "the line is complete", trigger: ".o_ecom_msg_success" },
        ...scan("3760000000024"),
        { content: "all scanned: weigh", trigger: ".o_ecom_step_weigh" },
        { content: "undo the last scan with F2", trigger: INPUT, run: "press F2" },
        { content: "back to scanning", trigger: ".o_ecom_step_scan" },
        ...scan("3760000000024"),
        { content: "weigh again", trigger: ".o_ecom_step_weigh" },
        ...scan("1,12"),
        { content: "weight within tolerance", trigger: ".o_ecom_step_validate" },
        { content: "validate with F9", trigger: INPUT, run: "press F9" },
        { content: "validated", trigger: ".o_ecom_step_done" },
    ],
});
