// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArbitratorRegistry} from "./IArbitratorRegistry.sol";
import {IReputation} from "./IReputation.sol";
import {ITenderAdmin} from "./ITenderAdmin.sol";
import {ITenderArbitration} from "./ITenderArbitration.sol";
import {ITenderEscrow} from "./ITenderEscrow.sol";
import {ITenderMarket} from "./ITenderMarket.sol";
import {ITenderMilestones} from "./ITenderMilestones.sol";
import {ITenderSealed} from "./ITenderSealed.sol";
import {ITenderSigned} from "./ITenderSigned.sol";
import {ITenderWarranty} from "./ITenderWarranty.sol";

/// @title ITender
/// @notice Everything one Tender escrow answers at its address: the custody contract's job actions, market and
/// disputes ({ITenderEscrow}, {ITenderMarket}, {ITenderArbitration}) and what its admin module answers there
/// ({ITenderAdmin}, {IArbitratorRegistry}, {IReputation}) its warranty module behind it ({ITenderWarranty}) and its milestones module
/// ({ITenderMilestones}) and its signed-actions module ({ITenderSigned}). Scripts and contracts talk to this.
interface ITender is ITenderEscrow, ITenderMarket, ITenderArbitration, IArbitratorRegistry, IReputation, ITenderAdmin, ITenderWarranty, ITenderMilestones, ITenderSigned, ITenderSealed {}
